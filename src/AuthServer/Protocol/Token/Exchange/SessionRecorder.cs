using AuthServer.Clients;
using AuthServer.Options;
using AuthServer.Protocol.Filters;
using AuthServer.Protocol.Token.Refresh;
using AuthServer.Sessions;
using AuthServer.Storage.Sessions;
using Microsoft.Extensions.Options;
using OpenIddict.Abstractions;
using OpenIddict.Server;
using static OpenIddict.Abstractions.OpenIddictConstants;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace AuthServer.Protocol.Token.Exchange;

/// <summary>
/// Starts a Bubble user's session when an exchange starts a refresh chain: a row keyed by the chain's authorization
/// (OpenIddict has just created it), with the user, the absolute end and, when the client checks the Bubble session,
/// the Bubble token encrypted. The chain's refresh tokens never live past that end.
/// </summary>
public sealed class SessionRecorder(
    IOpenIddictApplicationManager applications,
    UserSessionStore sessions,
    SubjectTokenProtector protector,
    IOptions<AuthOptions> auth,
    TimeProvider clock) : IOpenIddictServerHandler<ProcessSignInContext>
{
    public static OpenIddictServerHandlerDescriptor Descriptor { get; } =
        OpenIddictServerHandlerDescriptor.CreateBuilder<ProcessSignInContext>()
            .UseScopedHandler<SessionRecorder>()
            // After AttachAuthorization gave the chain its id, before PrepareRefreshTokenPrincipal reads its lifetime.
            .SetOrder(OpenIddictServerHandlers.AttachAuthorization.Descriptor.Order + 500)
            .AddFilter<RequireTokenExchangeGrant>()
            .SetType(OpenIddictServerHandlerType.Custom)
            .Build();

    public async ValueTask HandleAsync(ProcessSignInContext context)
    {
        if (!context.GenerateRefreshToken
            || context.Principal is not { } principal
            || principal.GetAuthorizationId() is not { Length: > 0 } chainId
            || ChainClaims.GetBubbleApp(principal) is not { } appUrl
            || context.Request.SubjectToken is not { Length: > 0 } subjectToken)
        {
            return;
        }

        var client = await ClientPolicy.RequireAsync(applications, context.Transaction, context.Request.ClientId, context.CancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        var ends = now + SessionLifetime.Absolute(auth.Value, client);
        await sessions.AddAsync(new UserSession
        {
            AuthorizationId = chainId,
            ClientId = client.ClientId,
            BubbleAppUrl = appUrl,
            UserId = principal.GetClaim(Claims.Subject) ?? "",
            Email = principal.GetClaim(Claims.Email) is { Length: > 0 } email ? UserSessionStore.NormalizeEmail(email) : null,
            CreatedUtc = now,
            EndsUtc = ends,
            ProtectedSubjectToken = client.BubbleSessionCheck ? protector.Protect(subjectToken) : null,
        }, context.CancellationToken);

        // The chain's refresh tokens carry the end and the confirmation, so a refresh reads the row only for a check.
        ChainClaims.SetSessionEnds(principal, ends);
        ChainClaims.SetBubbleConfirmed(principal, now);
        SessionLifetime.CapRefreshToken(principal, auth.Value, ends - now);
    }
}
