using AuthServer.Operations.Logging;
using AuthServer.Storage.Sessions;

namespace AuthServer.Sessions;

/// <summary>
/// Ends a Bubble user's sessions at someone's request: a client's ("log out everywhere"), an admin's in the console, the
/// CLI's. Each chain ends the way a revocation ends it (<see cref="SessionChains"/>: its tokens, its authorization, its
/// row), and each request is logged (6020, 6021) and leaves an audit row. Idempotent: what has ended already is not
/// counted again, even when two requests race. Here, below the administration layer, because the protocol's endpoint
/// uses it too.
/// </summary>
public sealed class SessionEnding(UserSessionStore store, SessionChains chains, SessionAudit audit, ILogger<SessionEnding> logger)
{
    /// <summary>Longer than any Bubble user id or email: such a search names no one.</summary>
    public const int MaxSearchLength = 320;

    // Ending all of a user's sessions lists them in pages of UserSessionStore.MaxListed; a user who keeps logging in
    // while they end still ends within this many pages, and the rest is for the next call.
    private const int MaxPages = 20;

    /// <summary>Whether <paramref name="value"/> can be a user id, email or chain id to look for (PostgreSQL cannot compare a NUL).</summary>
    public static bool IsSearchable(string? value) =>
        value is { Length: > 0 and <= MaxSearchLength } && !value.Any(char.IsControl);

    /// <summary>Whether <paramref name="query"/> names a user, in terms the store can compare.</summary>
    public static bool IsSearchable(SessionQuery query) =>
        (IsSearchable(query.UserId) || IsSearchable(query.Email))
        && (query.UserId is null || IsSearchable(query.UserId))
        && (query.Email is null || IsSearchable(query.Email))
        && (query.ClientId is null || IsSearchable(query.ClientId))
        && (query.BubbleAppUrl is null || query.BubbleAppUrl.Length > 0);

    /// <summary>Ends one chain, if it is a user's session still going; 1 if this call ended it, otherwise 0.</summary>
    public async Task<int> EndAsync(string chainId, string actor, CancellationToken cancellationToken = default)
    {
        if (!IsSearchable(chainId) || await store.FindAsync(chainId, cancellationToken) is not { } session
            || !(await chains.EndAsync(chainId, cancellationToken)).EndedSession)
        {
            return 0;
        }

        logger.UserSessionEnded(chainId, session.ClientId, session.UserId, actor);
        await audit.RecordAsync(actor, SessionAudit.Ended, session.ClientId,
            $"session {chainId} of user {session.UserId} ended", cancellationToken);
        return 1;
    }

    /// <summary>
    /// Ends every session <paramref name="query"/> names (a user by id or email, within one app or client if it says
    /// so) and returns how many this call ended. Audited even when none was left to end: a client's request is an act
    /// of its own. <paramref name="auditedClientId"/> files the row under a client (the caller, or the filter).
    /// </summary>
    public async Task<int> EndAllAsync(SessionQuery query, string actor, string? auditedClientId = null,
        CancellationToken cancellationToken = default)
    {
        // A query that names no one (its callers refuse such input first) ends nothing and is not recorded:
        // PostgreSQL could not even store a NUL of it in the audit row.
        if (!IsSearchable(query))
        {
            return 0;
        }

        var endedPerClient = new SortedDictionary<string, int>(StringComparer.Ordinal);
        for (var page = 0; page < MaxPages; page++)
        {
            var sessions = await store.ListAsync(query, cancellationToken);
            foreach (var session in sessions)
            {
                if ((await chains.EndAsync(session.AuthorizationId, cancellationToken)).EndedSession)
                {
                    endedPerClient[session.ClientId] = endedPerClient.GetValueOrDefault(session.ClientId) + 1;
                }
            }

            if (sessions.Count < UserSessionStore.MaxListed)
            {
                break;
            }
        }

        var count = endedPerClient.Values.Sum();
        var who = Who(query);
        var scope = Scope(query);
        logger.UserSessionsEnded(count, who, scope, actor);
        var perClient = count == 0 ? "" : $" ({string.Join(", ", endedPerClient.Select(c => $"client {c.Key}: {c.Value}"))})";
        await audit.RecordAsync(actor, SessionAudit.UserSessionsEnded, auditedClientId ?? query.ClientId,
            $"{count} sessions of {who} ended, {scope}{perClient}", cancellationToken);
        return count;
    }

    private static string Who(SessionQuery query) =>
        Clip(query.UserId is { Length: > 0 } userId ? $"user {userId}" : $"email {query.Email}");

    private static string Scope(SessionQuery query) =>
        Clip(query switch
        {
            { ClientId: { Length: > 0 } clientId } => $"client {clientId}",
            { BubbleAppUrl: { Length: > 0 } app } => $"Bubble app {app}",
            _ => "every client",
        });

    // A user id or email may be up to MaxSearchLength long: the detail keeps the start of it.
    private static string Clip(string value) => value.Length > 200 ? value[..200] + "…" : value;
}
