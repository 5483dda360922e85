using AuthServer.Sessions;
using AuthServer.Storage.Sessions;

namespace AuthServer.Administration.Sessions;

/// <summary>One refresh chain of a Bubble user, as the console and <c>sessions list</c> show it (never its Bubble token).</summary>
public sealed record SessionSummary(
    string ChainId,
    string ClientId,
    string BubbleAppUrl,
    string UserId,
    string? Email,
    DateTime StartedUtc,
    DateTime? LastRefreshedUtc,
    DateTime EndsUtc);

/// <summary>
/// A Bubble user's sessions, for the console and the CLI: one layer for both. Ending goes through
/// <see cref="SessionEnding"/>, which a client's own request (<c>/connect/revoke-sessions</c>) uses as well, so a chain
/// ends the same way, logged and audited the same way, whoever ends it; <c>actor</c> names who
/// (<see cref="Operations.Logging.ChangeActors"/>).
/// </summary>
public sealed class SessionAdministration(UserSessionStore store, SessionEnding ending)
{
    /// <summary>The sessions <paramref name="query"/> names, newest first; none for a query that names no one.</summary>
    public async Task<IReadOnlyList<SessionSummary>> ListAsync(SessionQuery query, CancellationToken cancellationToken = default) =>
        SessionEnding.IsSearchable(query) ? [.. (await store.ListAsync(query, cancellationToken)).Select(Summary)] : [];

    /// <summary>Ends one chain if it is a user's session still going: 1 if this call ended it, otherwise 0.</summary>
    public Task<int> EndAsync(string chainId, string actor, CancellationToken cancellationToken = default) =>
        ending.EndAsync(chainId, actor, cancellationToken);

    /// <summary>Ends every session <paramref name="query"/> names (a user by id or email, of one client if it says so): how many this call ended.</summary>
    public Task<int> EndAllAsync(SessionQuery query, string actor, CancellationToken cancellationToken = default) =>
        ending.EndAllAsync(query, actor, auditedClientId: null, cancellationToken);

    private static SessionSummary Summary(UserSession s) =>
        new(s.AuthorizationId, s.ClientId, s.BubbleAppUrl, s.UserId, s.Email, s.CreatedUtc, s.LastRefreshedUtc, s.EndsUtc);
}
