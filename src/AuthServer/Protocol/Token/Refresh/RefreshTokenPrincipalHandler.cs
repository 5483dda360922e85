using AuthServer.Clients;
using OpenIddict.Abstractions;
using OpenIddict.Server;
using static OpenIddict.Abstractions.OpenIddictConstants;
using static OpenIddict.Server.OpenIddictServerEvents;
using AuthServer.Operations.Logging;
using AuthServer.Protocol.Filters;

namespace AuthServer.Protocol.Token.Refresh;

/// <summary>
/// Re-decides a refresh against the client as it is now, not as it was when the chain began: the
/// chain keeps only the scopes the client may still have, the access token's <c>aud</c> is recomputed
/// from its scopes, and a chain begun for another Bubble app than the client's current one is refused.
/// </summary>
public sealed class RefreshTokenPrincipalHandler(
    IOpenIddictApplicationManager applications,
    IOpenIddictScopeManager scopes,
    ScopeResourceCache resources,
    AudienceIsolation isolation,
    ClientCatalogReader catalog,
    ILogger<RefreshTokenPrincipalHandler> logger) : IOpenIddictServerHandler<HandleTokenRequestContext>
{
    public static OpenIddictServerHandlerDescriptor Descriptor { get; } =
        OpenIddictServerHandlerDescriptor.CreateBuilder<HandleTokenRequestContext>()
            .UseScopedHandler<RefreshTokenPrincipalHandler>()
            // One grant's principal handler each (exchange, refresh, client_credentials), at distinct orders so that
            // OpenIddict's unstable sort never decides their sequence; a request has one grant anyway.
            .SetOrder(OpenIddictServerHandlers.Exchange.AttachPrincipal.Descriptor.Order + 1_100)
            .AddFilter<RequireRefreshTokenGrant>()
            .SetType(OpenIddictServerHandlerType.Custom)
            .Build();

    public async ValueTask HandleAsync(HandleTokenRequestContext context)
    {
        if (context.Principal is not { } principal)
        {
            return;
        }

        var clientId = context.Request.ClientId!;
        var client = await ClientPolicy.RequireAsync(applications, context.Transaction, clientId, context.CancellationToken);
        if (!string.Equals(ChainClaims.GetBubbleApp(principal), client.BubbleAppUrl, StringComparison.Ordinal))
        {
            logger.RefreshRefusedForMovedApp(clientId, principal.GetClaim(Claims.Subject) ?? "");
            context.Reject(Errors.InvalidGrant, "The refresh token was issued for another Bubble app than this client's.");
            return;
        }

        if (GrantedAccess.HasMalformedResource(context.Request))
        {
            context.Reject(Errors.InvalidTarget, GrantedAccess.MalformedResourceDescription);
            return;
        }

        // The chain keeps what the client may still have; the access token gets the narrower scope asked for,
        // and only the scopes of the audiences a resource narrowed it to (AccessTokenScopeHandler).
        var chainScopes = principal.GetScopes().Where(client.MayRequestScope).ToList();
        var requested = context.Request.GetScopes();
        var accessScopes = requested.IsEmpty ? chainScopes : [.. requested.Where(chainScopes.Contains)];

        var (access, error, description) = await GrantedAccess.ResolveAsync(scopes, resources, accessScopes,
            GrantedAccess.RequestedTargets(context.Request), context.CancellationToken);
        if (access is null)
        {
            context.Reject(error, description);
            return;
        }

        // The chain's users are its Bubble app's: its new token must not reach an audience another app's whoami can reach.
        if (ChainClaims.GetBubbleApp(principal) is { } binding
            && await GrantedAccessGate.IsReachedElsewhereAsync(isolation, catalog, logger, clientId, binding, access, context.CancellationToken))
        {
            context.Reject(Errors.ServerError, GrantedAccessGate.IsolationFault);
            return;
        }

        principal.SetScopes(chainScopes);
        principal.SetResources(access.Audiences);
        access.Attach(context.Transaction);
        logger.TokenIssued(clientId, principal.GetClaim(Claims.Subject) ?? "", GrantTypes.RefreshToken, string.Join(' ', access.Scopes));
    }
}
