using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Caching.Memory;

namespace AuthServer.Engine;

/// <summary>
/// Remembers presented secrets that matched a stored hash, so the deliberately slow secret hash (PBKDF2) runs once
/// per secret, not on every request. Only matches are kept, keyed by an HMAC with a random per-process key over the
/// presented secret and the stored (salted, so per-secret) hash: a changed secret (new stored hash), on this node or
/// another, misses at once, and nothing here reveals a secret. A match is a fact that never goes stale, so this
/// cache has no say in whether a secret may still be used: revocation and expiry are checked at every request
/// (<c>SecretCheckingApplicationManager</c>), whatever is remembered here.
/// </summary>
public sealed class VerifiedSecretCache : IDisposable
{
    public const int MaxEntries = 10_000;
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(10);

    private readonly byte[] _key = RandomNumberGenerator.GetBytes(32);
    private readonly MemoryCache _verified = new(new MemoryCacheOptions { SizeLimit = MaxEntries });

    internal int Count => _verified.Count;

    public bool Contains(string secret, string storedHash) => _verified.TryGetValue(Key(secret, storedHash), out _);

    public void Remember(string secret, string storedHash) =>
        _verified.Set(Key(secret, storedHash), true, new MemoryCacheEntryOptions
        {
            AbsoluteExpirationRelativeToNow = Lifetime,
            Size = 1,
        });

    private string Key(string secret, string storedHash) =>
        Convert.ToBase64String(HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes($"{secret}\0{storedHash}")));

    public void Dispose() => _verified.Dispose();
}
