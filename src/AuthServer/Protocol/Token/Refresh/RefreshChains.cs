using AuthServer.Sessions;

namespace AuthServer.Protocol.Token.Refresh;

/// <summary>
/// Ends a refresh chain, as <see cref="SessionChains"/> does for everyone who ends one (its tokens, its authorization,
/// its Bubble session row): the protocol's handlers keep their name for it.
/// </summary>
public sealed class RefreshChains(SessionChains chains)
{
    public async ValueTask<long> RevokeAsync(string authorizationId, CancellationToken cancellationToken) =>
        (await chains.EndAsync(authorizationId, cancellationToken)).RevokedTokens;
}
