using System.Collections.Concurrent;
using AuthServer.Logging;
using AuthServer.Options;
using AuthServer.Storage;
using AuthServer.Storage.Keys;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;
using Microsoft.IdentityModel.Tokens;

namespace AuthServer.Keys;

/// <summary>The keys this node signs, publishes and decrypts with, as loaded from the store.</summary>
public sealed record KeySet(
    string Stamp,
    IReadOnlyList<SigningCredentials> Signing,
    IReadOnlyList<EncryptingCredentials> Encryption)
{
    public static readonly KeySet Empty = new("", [], []);

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

    public KeySet Current => _current;

    public IChangeToken GetChangeToken() => new CancellationChangeToken(Volatile.Read(ref _changed).Token);

    /// <summary>Re-reads the key rows; swaps the set and signals a change only when something differs.</summary>
    public async Task RefreshAsync(CancellationToken cancellationToken = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AuthDbContext>();
        var rows = await db.Keys.AsNoTracking().ToListAsync(cancellationToken);

        await _refreshLock.WaitAsync(cancellationToken);
        try
        {
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
        var published = KeyTimeline.Published(KeyTimeline.Evaluate(rows, clock.GetUtcNow().UtcDateTime, auth.Value.KeyRotation)).ToList();
        var encryption = rows.Where(k => k.Use == KeyUse.Encryption && k.RevokedUtc is null)
            .OrderByDescending(k => k.Generation).ToList();

        var stamp = string.Join('|', published.Select(s => $"{s.Key.Id}:{s.State}")
            .Concat(encryption.Select(k => k.Id)));
        if (stamp == _current.Stamp)
        {
            return _current;
        }

        foreach (var gone in _loaded.Keys.Except(rows.Where(k => k.RevokedUtc is null).Select(k => k.Id)))
        {
            _loaded.TryRemove(gone, out _);
        }

        return new KeySet(
            stamp,
            published.Select(s => new SigningCredentials(LoadKey(s.Key), s.Key.Algorithm)).ToList(),
            encryption.Select(k => new EncryptingCredentials((SymmetricSecurityKey)LoadKey(k),
                SecurityAlgorithms.Aes256KW, SecurityAlgorithms.Aes256CbcHmacSha512)).ToList());
    }

    private SecurityKey LoadKey(StoredKey key) => _loaded.GetOrAdd(key.Id, _ => material.Load(key));
}
