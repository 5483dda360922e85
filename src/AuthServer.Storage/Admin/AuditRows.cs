using Microsoft.EntityFrameworkCore;

namespace AuthServer.Storage.Admin;

/// <summary>
/// Writes one row of the audit trail, each value cut to its column's length (PostgreSQL refuses a longer one; SQLite
/// would keep it). The admin layer and the sessions, which the protocol reaches too, write through this one piece.
/// </summary>
public static class AuditRows
{
    public const int ActorLength = 100;
    public const int ActionLength = 64;
    public const int ClientIdLength = 100;
    public const int KeyIdLength = 64;
    public const int DetailLength = 1000;

    public static async Task<AuditEvent> AddAsync(AuthDbContext db, DateTime timeUtc, string actor, string action, string? clientId,
        string? keyId, string? detail, CancellationToken cancellationToken)
    {
        var entry = new AuditEvent
        {
            TimeUtc = timeUtc,
            Actor = Fit(actor, ActorLength)!,
            Action = Fit(action, ActionLength)!,
            ClientId = Fit(clientId, ClientIdLength),
            KeyId = Fit(keyId, KeyIdLength),
            Detail = Fit(detail, DetailLength),
        };
        db.AuditEvents.Add(entry);
        await db.SaveChangesAsync(cancellationToken);
        db.Entry(entry).State = EntityState.Detached;
        return entry;
    }

    private static string? Fit(string? value, int length) => value is { Length: var n } && n > length ? value[..length] : value;
}
