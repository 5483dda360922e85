using OpenIddict.Abstractions;

namespace AuthServer.Sessions;

/// <summary>
/// Ends a refresh chain: every token of its authorization, and the authorization itself, so that a token issued into
/// the chain a moment later (a racing refresh) is refused as well; then its Bubble session row, with the Bubble token
/// it kept. The one way a chain ends, whoever ends it: a revocation, a refresh (reuse, the Bubble session check, the
/// absolute end), a client ending a user's sessions, the console or the CLI. Here, not in the protocol, because the
/// CLI ends chains too and never loads the protocol.
/// </summary>
public sealed class SessionChains(IOpenIddictTokenManager tokens, IOpenIddictAuthorizationManager authorizations, UserSessionStore sessions)
{
    /// <summary>What ending the chain did: how many tokens it revoked, and whether this call removed its session row.</summary>
    public async ValueTask<ChainEnd> EndAsync(string authorizationId, CancellationToken cancellationToken)
    {
        var count = await tokens.RevokeByAuthorizationIdAsync(authorizationId, cancellationToken);
        if (await authorizations.FindByIdAsync(authorizationId, cancellationToken) is { } authorization)
        {
            await authorizations.TryRevokeAsync(authorization, cancellationToken);
        }

        // The row goes last: a caller that finds it still there may end the chain again, and it ends the same way.
        var rows = await sessions.DeleteAsync(authorizationId, cancellationToken);
        return new ChainEnd(count, rows > 0);
    }
}

/// <summary>
/// <see cref="RevokedTokens"/>: tokens this call revoked; <see cref="EndedSession"/>: whether this call removed the
/// chain's session row, so two callers racing to end one chain count it once between them.
/// </summary>
public readonly record struct ChainEnd(long RevokedTokens, bool EndedSession);
