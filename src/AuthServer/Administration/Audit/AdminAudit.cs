using AuthServer.Administration.Clients;
using AuthServer.Administration.Keys;
using AuthServer.Clients;
using AuthServer.Storage;
using AuthServer.Storage.Admin;
using Microsoft.EntityFrameworkCore;
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
/// The audit trail of admin actions, from the console and the CLI alike: a row in <c>AuditEvents</c> for each, which
/// the Activity page reads. Each action is logged once, with one event id: a client or key change by the code that
/// makes it (1001–1004 by <see cref="ClientAdministration"/>, 1022–1023 by <see cref="ClientSecretAdministration"/>, 4001 and 4004 by the key manager, which the key schedule
/// and the configured catalog share), so its row is only stored here; an action with no event of its own (admin
/// accounts, sign-ins) is logged here as 5001; a lockout is logged as 5002 where it happens, so only its row is stored here. Callers pass names and ids only: never a secret, a password or a token,
/// in the detail either, since both the table and the log are read by more people than the secrets are.
/// </summary>
public sealed class AdminAudit(AuthDbContext db, TimeProvider clock, ILogger<AdminAudit> logger)
{
    public const int MaxPageSize = 200;

    /// <summary>An action with no log event of its own: a row, and a log line (5001).</summary>
    public async Task RecordAsync(string actor, string action, string? clientId = null, string? keyId = null,
        string? detail = null, CancellationToken cancellationToken = default)
    {
        var entry = await StoreAsync(actor, action, clientId, keyId, detail, cancellationToken);
        logger.AdminAction(entry.Actor, entry.Action, entry.ClientId ?? "-", entry.KeyId ?? "-", entry.Detail ?? "-");
    }

    /// <summary>The row of an action its caller has logged already with an event of its own (a lockout, 5002).</summary>
    public async Task RecordRowAsync(string actor, string action, string? detail, CancellationToken cancellationToken) =>
        await StoreAsync(actor, action, clientId: null, keyId: null, detail, cancellationToken);

    /// <summary>The row of <paramref name="outcome"/> if it is a change (logged already, 1001–1004 or 1022–1023), and hands it back.</summary>
    public async Task<ClientOutcome> RecordAsync(string actor, ClientOutcome outcome, CancellationToken cancellationToken)
    {
        if (AuditDetails.Of(outcome) is var (action, clientId, detail))
        {
            await StoreAsync(actor, action, clientId, keyId: null, detail, cancellationToken);
        }

        return outcome;
    }

    /// <summary>The row of a new signing key (logged already, 4001).</summary>
    public async Task<KeyRotated> RecordAsync(string actor, KeyRotated rotated, CancellationToken cancellationToken)
    {
        await StoreAsync(actor, AuditActions.KeyRotated, clientId: null, rotated.Kid, AuditDetails.Of(rotated), cancellationToken);
        return rotated;
    }

    /// <summary>The row of a revocation if one happened (logged already, 4004).</summary>
    public async Task<KeyRevocation> RecordAsync(string actor, KeyRevocation revocation, CancellationToken cancellationToken)
    {
        if (revocation is KeyRevoked revoked)
        {
            await StoreAsync(actor, AuditActions.KeyRevoked, clientId: null, revoked.Kid, AuditDetails.Of(revoked), cancellationToken);
        }

        return revocation;
    }

    /// <summary>Page <paramref name="page"/> (from 1) of the events, newest first, of every client or of one.</summary>
    public async Task<AuditPage> RecentAsync(int page, int pageSize, string? clientId = null, CancellationToken cancellationToken = default)
    {
        page = Math.Max(1, page);
        pageSize = Math.Clamp(pageSize, 1, MaxPageSize);
        var events = db.AuditEvents.AsNoTracking();
        if (!string.IsNullOrEmpty(clientId) && !ClientRules.CanNameAClient(clientId))
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

    private Task<AuditEvent> StoreAsync(string actor, string action, string? clientId, string? keyId, string? detail,
        CancellationToken cancellationToken) =>
        AuditRows.AddAsync(db, clock.GetUtcNow().UtcDateTime, actor, action, clientId, keyId, detail, cancellationToken);
}
