using AuthServer.Sessions;
using OpenIddict.Abstractions;

namespace AuthServer.Protocol.Token.Refresh;

/// <summary>
/// Ends a refresh chain: every token of its authorization, and the authorization itself, so that a
/// token issued into the chain a moment later (a racing refresh) is refused as well; then its Bubble session row,
/// with the Bubble token it kept.
/// </summary>
public sealed class RefreshChains(IOpenIddictTokenManager tokens, IOpenIddictAuthorizationManager authorizations, UserSessionStore sessions)
{
    public async ValueTask<long> RevokeAsync(string authorizationId, CancellationToken cancellationToken)
    {
        var count = await tokens.RevokeByAuthorizationIdAsync(authorizationId, cancellationToken);
        if (await authorizations.FindByIdAsync(authorizationId, cancellationToken) is { } authorization)
        {
            await authorizations.TryRevokeAsync(authorization, cancellationToken);
        }

        await sessions.DeleteAsync(authorizationId, cancellationToken);
        return count;
    }
}
