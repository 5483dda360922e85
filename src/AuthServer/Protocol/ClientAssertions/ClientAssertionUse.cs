using AuthServer.Clients;
using AuthServer.Operations.Logging;
using AuthServer.Protocol.ErrorResponses;
using AuthServer.Protocol.Filters;
using OpenIddict.Abstractions;
using OpenIddict.Server;
using static OpenIddict.Abstractions.OpenIddictConstants;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace AuthServer.Protocol.ClientAssertions;

/// <summary>
/// Once OpenIddict has authenticated the client (after the rate limits, the lockout and its own checks): an assertion's
/// <c>jti</c> is used up (<see cref="AssertionReplayStore"/>; a second use anywhere is refused), and a client restricted
/// to <c>private_key_jwt</c> is refused when it authenticated with a secret. Both refusals are the same 401
/// <c>invalid_client</c> as a wrong secret, each logged with its own event id.
/// </summary>
public sealed class ClientAssertionUse(AssertionReplayStore replays, IOpenIddictApplicationManager applications,
    ILogger<ClientAssertionUse> logger) : IOpenIddictServerHandler<ProcessAuthenticationContext>
{
    // After OpenIddict's ValidateClientSecret, before the scope and permission gates (ScopeListLimit, +250).
    public static OpenIddictServerHandlerDescriptor Descriptor { get; } =
        OpenIddictServerHandlerDescriptor.CreateBuilder<ProcessAuthenticationContext>()
            .UseScopedHandler<ClientAssertionUse>()
            .SetOrder(OpenIddictServerHandlers.ValidateClientSecret.Descriptor.Order + 50)
            .AddFilter<RequireClientAuthenticationRequest>()
            .SetType(OpenIddictServerHandlerType.Custom)
            .Build();

    public async ValueTask HandleAsync(ProcessAuthenticationContext context)
    {
        if (context.Request.ClientId is not { Length: > 0 } clientId)
        {
            return;
        }

        if (context.ClientAssertionPrincipal is { } assertion)
        {
            var jti = assertion.GetClaim(Claims.JwtId)!;
            var expires = assertion.GetExpirationDate() ?? DateTimeOffset.UtcNow;
            if (!await replays.TryUseAsync(clientId, jti, expires, context.CancellationToken))
            {
                logger.ClientAssertionReplayed(clientId);
                context.Reject(Errors.InvalidClient, ClientAuthenticationFailure.FailedDescription);
                return;
            }

            ClientAssertionRules.MarkAccepted(context.Transaction);
            return;
        }

        if (!string.IsNullOrEmpty(context.Request.ClientSecret)
            && await applications.FindByClientIdAsync(clientId, context.CancellationToken) is { } application
            && await IsPrivateKeyJwtOnlyAsync(applications, application, context.CancellationToken))
        {
            logger.ClientSecretRefusedForKeyOnlyClient(clientId);
            context.Reject(Errors.InvalidClient, ClientAuthenticationFailure.FailedDescription);
        }
    }

    public static async Task<bool> IsPrivateKeyJwtOnlyAsync(IOpenIddictApplicationManager applications, object application,
        CancellationToken cancellationToken) =>
        (await applications.GetPropertiesAsync(application, cancellationToken)).TryGetValue(ClientProperties.PrivateKeyJwtOnly, out var only)
        && only.ValueKind == System.Text.Json.JsonValueKind.True;
}
