using System.Collections.Concurrent;
using AuthServer.Options;
using AuthServer.Storage;
using AuthServer.Storage.Keys;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;
using Microsoft.IdentityModel.Tokens;
using AuthServer.Operations.Logging;

namespace AuthServer.Keys;

/// <summary>
/// The keys this node signs, publishes and decrypts with, as loaded from the store. <see cref="ValidationOnly"/>
/// holds the keys that left the JWKS but still validate the refresh tokens they signed.
/// <see cref="ActiveSinceUtc"/> is when the active key began to sign.
/// </summary>
public sealed record KeySet(
    string Stamp,
    IReadOnlyList<SigningCredentials> Signing,
    IReadOnlyList<EncryptingCredentials> Encryption,
    IReadOnlyList<SecurityKey> ValidationOnly,
    DateTime? ActiveSinceUtc = null)
{
    public static readonly KeySet Empty = new("", [], [], []);

    public string? ActiveKeyId => Signing.Count > 0 ? Signing[0].Key.KeyId : null;
}

/// <summary>
/// Holds the current <see cref="KeySet"/> and notices when the store or the clock changes it
/// (a rotation by another node or the CLI, an announced key coming due). A change raises a
/// change token, so OpenIddict rebuilds its options with the new keys at the next request.
/// </summary>
public sealed class KeyRing(
    IServiceScopeFactory scopes,
    KeyMaterial material,
    IOptions<AuthOptions> auth,
    TimeProvider clock,
    ILogger<KeyRing> logger)
{
    private readonly ConcurrentDictionary<string, SecurityKey> _loaded = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _refreshLock = new(1, 1);
    private CancellationTokenSource _changed = new();
    private KeySet _current = KeySet.Empty;
    private long _lastRefreshTicks;

    public KeySet Current => _current;

    public IChangeToken GetChangeToken() => new CancellationChangeToken(Volatile.Read(ref _changed).Token);

    /// <summary>
    /// Re-reads the key rows unless that was done less than <paramref name="maxAge"/> ago, so a busy node
    /// asks the store at most once per interval; while one request re-reads, the others use the current set.
    /// </summary>
    public Task RefreshIfStaleAsync(TimeSpan maxAge, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow().UtcTicks;
        var last = Interlocked.Read(ref _lastRefreshTicks);
        if (now - last < maxAge.Ticks && _current.Signing.Count > 0)
        {
            return Task.CompletedTask;
        }

        return Interlocked.CompareExchange(ref _lastRefreshTicks, now, last) == last ? RefreshOrKeepAsync(cancellationToken) : Task.CompletedTask;
    }

    /// <summary>
    /// A store that cannot be read for a moment must not fail requests the loaded keys can serve, nor hold
    /// them long: with keys loaded, a reread that takes more than <see cref="StalledReadLimit"/> is given up.
    /// </summary>
    private async Task RefreshOrKeepAsync(CancellationToken cancellationToken)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        if (_current.Signing.Count > 0)
        {
            limit.CancelAfter(StalledReadLimit);
        }

        try
        {
            await RefreshAsync(limit.Token);
        }
        catch (Exception ex) when (_current.Signing.Count > 0 && !cancellationToken.IsCancellationRequested)
        {
            logger.KeyRingRefreshFailed(ex);
        }
    }

    private static readonly TimeSpan StalledReadLimit = TimeSpan.FromSeconds(2);

    /// <summary>Re-reads the key rows; swaps the set and signals a change only when something differs.</summary>
    public async Task RefreshAsync(CancellationToken cancellationToken = default)
    {
        Interlocked.Exchange(ref _lastRefreshTicks, clock.GetUtcNow().UtcTicks);

        // Read under the lock, so two overlapping refreshes can never apply an older read last.
        await _refreshLock.WaitAsync(cancellationToken);
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<AuthDbContext>();
            var rows = await db.Keys.AsNoTracking().ToListAsync(cancellationToken);
            var next = Build(rows);
            if (next.Stamp == _current.Stamp)
            {
                return;
            }

            _current = next;
            var previous = Interlocked.Exchange(ref _changed, new CancellationTokenSource());
            previous.Cancel();
            previous.Dispose();
            logger.KeySetReloaded(next.ActiveKeyId ?? "(none)");
        }
        finally
        {
            _refreshLock.Release();
        }
    }

    private KeySet Build(List<StoredKey> rows)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var statuses = KeyTimeline.Evaluate(rows, now, auth.Value.KeyRotation, auth.Value.RefreshTokenLifetime);
        var published = KeyTimeline.Published(statuses).ToList();
        var validationOnly = KeyTimeline.ValidationOnly(statuses, now).ToList();
        var encryption = rows.Where(k => k.Use == KeyUse.Encryption && k.RevokedUtc is null)
            .OrderByDescending(k => k.Generation).ToList();

        var stamp = string.Join('|', published.Select(s => $"{s.Key.Id}:{s.State}")
            .Concat(encryption.Select(k => k.Id))
            .Concat(validationOnly.Select(s => $"{s.Key.Id}:validation-only")));
        if (stamp == _current.Stamp)
        {
            return _current;
        }

        var inUse = published.Concat(validationOnly).Select(s => s.Key.Id)
            .Concat(encryption.Select(k => k.Id));
        foreach (var gone in _loaded.Keys.Except(inUse))
        {
            _loaded.TryRemove(gone, out _);
        }

        return new KeySet(
            stamp,
            published.Select(s => new SigningCredentials(LoadKey(s.Key), s.Key.Algorithm)).ToList(),
            encryption.Select(k => new EncryptingCredentials((SymmetricSecurityKey)LoadKey(k),
                SecurityAlgorithms.Aes256KW, SecurityAlgorithms.Aes256CbcHmacSha512)).ToList(),
            validationOnly.Select(s => LoadKey(s.Key)).ToList(),
            published.FirstOrDefault(s => s.State == KeyState.Active)?.Key.ActivatesUtc);
    }

    private SecurityKey LoadKey(StoredKey key) => _loaded.GetOrAdd(key.Id, _ => material.Load(key));
}
