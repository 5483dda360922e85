using System.Collections.Concurrent;
using AuthServer.Storage.Clients;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;

namespace AuthServer.Storage.ClientSecrets;

/// <summary>One of a client's secrets as authentication reads it: an immutable copy of its row.</summary>
public sealed record ClientSecretRow(string Id, string Hash, DateTime? CreatedUtc, DateTime? LastUsedUtc, DateTime? ExpiresUtc,
    DateTime? RevokedUtc)
{
    public ClientSecretState StateAt(DateTime nowUtc) =>
        RevokedUtc is not null ? ClientSecretState.Revoked
        : ExpiresUtc is { } expires && expires <= nowUtc ? ClientSecretState.Expired
        : ClientSecretState.Live;

    public static ClientSecretRow Of(StoredClientSecret row) =>
        new(row.Id, row.Hash, Utc(row.CreatedUtc), Utc(row.LastUsedUtc), Utc(row.ExpiresUtc), Utc(row.RevokedUtc));

    // SQLite hands dates back without a kind; they were written in UTC.
    private static DateTime? Utc(DateTime? value) => value is { } date ? DateTime.SpecifyKind(date, DateTimeKind.Utc) : null;
}

public enum ClientSecretState
{
    Live,
    Expired,
    Revoked,
}

/// <summary>
/// Each client's rotating secrets (<see cref="StoredClientSecret"/>), read once per client per <see cref="Lifetime"/>
/// and node: the bound within which a secret revoked, or retired earlier, on another node or by the CLI stops working
/// everywhere. A change made through this node's administration layer is forgotten at once. An expiry needs no
/// bound: every request compares it with the clock. A secret that matches nothing cached is looked up afresh before
/// it is refused (<see cref="SecretCheckingApplicationManager"/>), so a secret added a moment ago works at once on
/// every node: callers switching to it lose no request.
/// </summary>
public sealed class ClientSecretRows(TimeProvider clock) : IDisposable
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(1);

    /// <summary>How often one secret's last use is written at most, per node (and the store skips a fresher one).</summary>
    public static readonly TimeSpan LastUseResolution = TimeSpan.FromMinutes(1);

    private const int MaxEntries = 10_000;

    private readonly MemoryCache _rows = new(new MemoryCacheOptions { SizeLimit = MaxEntries });
    private readonly ConcurrentDictionary<(string ClientId, string Id), DateTime> _touched = new();

    public async ValueTask<IReadOnlyList<ClientSecretRow>> GetAsync(AuthDbContext db, string clientId, bool fresh,
        CancellationToken cancellationToken)
    {
        if (!fresh && _rows.TryGetValue(clientId, out IReadOnlyList<ClientSecretRow>? cached))
        {
            return cached!;
        }

        var rows = await db.ClientSecrets.AsNoTracking().Where(s => s.ClientId == clientId).ToListAsync(cancellationToken);
        // Newest first (the original, of unknown age, last), sorted here: the providers order nulls differently.
        IReadOnlyList<ClientSecretRow> copies = [.. rows.Select(ClientSecretRow.Of)
            .OrderByDescending(r => r.CreatedUtc ?? DateTime.MinValue).ThenBy(r => r.Id, StringComparer.Ordinal)];
        _rows.Set(clientId, copies, new MemoryCacheEntryOptions { AbsoluteExpirationRelativeToNow = Lifetime, Size = 1 });
        return copies;
    }

    /// <summary>After a change through this node: its next request reads the store.</summary>
    public void Forget(string clientId) => _rows.Remove(clientId);

    /// <summary>
    /// Records that <paramref name="secretId"/> was used now, at most once per <see cref="LastUseResolution"/> per node;
    /// the update itself skips a row another node touched within the resolution, so the store sees few writes.
    /// </summary>
    public async ValueTask TouchAsync(AuthDbContext db, string clientId, string secretId, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var key = (clientId, secretId);
        if (_touched.TryGetValue(key, out var last) && now - last < LastUseResolution)
        {
            return;
        }

        _touched[key] = now;
        if (_touched.Count > MaxEntries)
        {
            _touched.Clear();
        }

        var stale = now - LastUseResolution;
        await db.ClientSecrets
            .Where(s => s.ClientId == clientId && s.Id == secretId && (s.LastUsedUtc == null || s.LastUsedUtc < stale))
            .ExecuteUpdateAsync(set => set.SetProperty(s => s.LastUsedUtc, now), cancellationToken);
    }

    public void Dispose() => _rows.Dispose();
}
