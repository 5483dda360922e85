using AuthServer.Storage;
using AuthServer.Storage.Admin;

namespace AuthServer.Sessions;

/// <summary>
/// The audit rows of sessions that ended other than by their own refresh token: by Bubble, at their absolute end, at a
/// client's or an admin's request. The Activity page shows them with the admin actions. Each is logged where it happens.
/// </summary>
public sealed class SessionAudit(AuthDbContext db, TimeProvider clock)
{
    public const string Bubble = "bubble";
    public const string Server = "authserver";

    public const string EndedByBubble = "session.ended_by_bubble";
    public const string UserChanged = "session.user_changed";
    public const string ReachedAbsoluteEnd = "session.absolute_end";
    public const string Ended = "session.ended";

    /// <summary>Every session of a user ended at once, by a client, the console or the CLI (one session: <see cref="Ended"/>).</summary>
    public const string UserSessionsEnded = "session.user_sessions_ended";

    /// <summary>Names and ids only: never the Bubble token.</summary>
    /// <remarks>"client:" and a client id of the longest kind are 107 characters: the row keeps the start of it.</remarks>
    public Task RecordAsync(string actor, string action, string? clientId, string detail, CancellationToken cancellationToken) =>
        AuditRows.AddAsync(db, clock.GetUtcNow().UtcDateTime, actor, action, clientId, keyId: null, detail, cancellationToken);
}
