using AuthServer.Options;
using AuthServer.Operations.Logging;
using AuthServer.Protocol.ErrorResponses;
using Microsoft.Extensions.Options;
using OpenIddict.Abstractions;
using OpenIddict.Server;
using static OpenIddict.Abstractions.OpenIddictConstants;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace AuthServer.Protocol.ClientAssertions;

/// <summary>
/// The claims of an assertion whose signature OpenIddict has verified, checked strictly (<see cref="ClientAssertionRules"/>)
/// before OpenIddict's own, looser checks: each failure is the same 401 <c>invalid_client</c> as a wrong secret, logged
/// with the reason (never the assertion).
/// </summary>
public sealed class ClientAssertionClaims(IOptions<AuthOptions> auth, TimeProvider clock, ILogger<ClientAssertionClaims> logger)
    : IOpenIddictServerHandler<ProcessAuthenticationContext>
{
    public static OpenIddictServerHandlerDescriptor Descriptor { get; } =
        OpenIddictServerHandlerDescriptor.CreateBuilder<ProcessAuthenticationContext>()
            .UseSingletonHandler<ClientAssertionClaims>()
            .SetOrder(OpenIddictServerHandlers.ValidateClientAssertion.Descriptor.Order + 500)
            .AddFilter<OpenIddictServerHandlerFilters.RequireClientAssertionPrincipal>()
            .SetType(OpenIddictServerHandlerType.Custom)
            .Build();

    public ValueTask HandleAsync(ProcessAuthenticationContext context)
    {
        var principal = context.ClientAssertionPrincipal!;
        var clientId = context.Request.ClientId;
        if (Problem(principal, clientId, context.BaseUri) is { } problem)
        {
            logger.ClientAssertionRefused(ClientAssertionLogging.Named(clientId), problem);
            context.Reject(Errors.InvalidClient, ClientAuthenticationFailure.FailedDescription);
        }

        return default;
    }

    private string? Problem(System.Security.Claims.ClaimsPrincipal principal, string? clientId, Uri? baseUri)
    {
        if (principal.GetClaims(Claims.Issuer) is not [{ Length: > 0 } issuer] || principal.GetClaims(Claims.Subject) is not [{ } subject])
        {
            return "iss and sub must each appear once";
        }

        if (!string.Equals(issuer, subject, StringComparison.Ordinal) || !string.Equals(issuer, clientId, StringComparison.Ordinal))
        {
            return "iss and sub must both equal the client id";
        }

        var serverIssuer = auth.Value.Issuer ?? baseUri?.AbsoluteUri.TrimEnd('/');
        if (serverIssuer is null || !ClientAssertionRules.IsValidAudience(principal.GetClaims(Claims.Audience), serverIssuer))
        {
            return "aud must be the issuer, as its only value";
        }

        if (principal.GetClaims(Claims.ExpiresAt) is not [{ } exp] || !long.TryParse(exp, out var expSeconds))
        {
            return "exp must appear once, as a number";
        }

        var now = clock.GetUtcNow();
        var expires = DateTimeOffset.FromUnixTimeSeconds(Math.Clamp(expSeconds, 0, 253402300799));
        if (expires > now + ClientAssertionRules.MaxLifetime + ClientAssertionRules.ClockSkew)
        {
            return $"exp is more than {ClientAssertionRules.MaxLifetime.TotalMinutes:0} minutes ahead";
        }

        if (expires < now - ClientAssertionRules.ClockSkew)
        {
            return "exp has passed";
        }

        if (principal.GetClaims(Claims.JwtId) is not [{ Length: > 0 and <= ClientAssertionRules.MaxJtiLength }])
        {
            return $"jti must appear once, of 1 to {ClientAssertionRules.MaxJtiLength} characters";
        }

        return null;
    }
}
