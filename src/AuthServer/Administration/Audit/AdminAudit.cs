using AuthServer.Storage;
using AuthServer.Storage.Admin;
using Microsoft.EntityFrameworkCore;
using AuthServer.AdminConsole;
using AuthServer.Operations.Logging;

namespace AuthServer.Administration.Audit;

/// <summary>One recorded admin action, as the Activity page shows it.</summary>
public sealed record AuditEntry(long Id, DateTime TimeUtc, string Actor, string Action, string? ClientId, string? KeyId, string? Detail);

/// <summary>A page of the audit trail, newest first; <see cref="Total"/> counts every event the filter matches.</summary>
public sealed record AuditPage(IReadOnlyList<AuditEntry> Events, int Page, int PageSize, int Total)
{
    public bool HasMore => Page * PageSize < Total;
}

/// <summary>
/// The audit trail of admin actions: a row in <c>AuditEvents</c> and a log line (event 5001) for each, from the
/// console and the CLI alike. Callers pass names and ids only: never a secret, a password or a token, in the
/// detail either, since both the table and the log are read by more people than the secrets are.
/// </summary>
public sealed class AdminAudit(AuthDbContext db, TimeProvider clock, ILogger<AdminAudit> logger)
{
    public const int MaxPageSize = 200;

    public async Task RecordAsync(string actor, string action, string? clientId = null, string? keyId = null,
        string? detail = null, CancellationToken cancellationToken = default)
    {
        var entry = new AuditEvent
        {
            TimeUtc = clock.GetUtcNow().UtcDateTime,
            Actor = Fit(actor, 100)!,
            Action = Fit(action, 64)!,
            ClientId = Fit(clientId, 100),
            KeyId = Fit(keyId, 64),
            Detail = Fit(detail, 1000),
        };
        db.AuditEvents.Add(entry);
        await db.SaveChangesAsync(cancellationToken);
        db.Entry(entry).State = EntityState.Detached;
        logger.AdminAction(entry.Actor, entry.Action, entry.ClientId ?? "-", entry.KeyId ?? "-", entry.Detail ?? "-");
    }

    /// <summary>Page <paramref name="page"/> (from 1) of the events, newest first, of every client or of one.</summary>
    public async Task<AuditPage> RecentAsync(int page, int pageSize, string? clientId = null, CancellationToken cancellationToken = default)
    {
        page = Math.Max(1, page);
        pageSize = Math.Clamp(pageSize, 1, MaxPageSize);
        var events = db.AuditEvents.AsNoTracking();
        if (!string.IsNullOrEmpty(clientId) && !AuthServer.Clients.ClientRules.CanNameAClient(clientId))
        {
            // No client has such an id, and PostgreSQL cannot compare a string holding a NUL.
            return new AuditPage([], page, pageSize, 0);
        }

        if (!string.IsNullOrEmpty(clientId))
        {
            events = events.Where(e => e.ClientId == clientId);
        }

        var total = await events.CountAsync(cancellationToken);
        var rows = await events.OrderByDescending(e => e.TimeUtc).ThenByDescending(e => e.Id)
            .Skip((page - 1) * pageSize).Take(pageSize)
            .Select(e => new AuditEntry(e.Id, e.TimeUtc, e.Actor, e.Action, e.ClientId, e.KeyId, e.Detail))
            .ToListAsync(cancellationToken);
        return new AuditPage(rows, page, pageSize, total);
    }

    private static string? Fit(string? value, int length) => value is { Length: var n } && n > length ? value[..length] : value;
}
