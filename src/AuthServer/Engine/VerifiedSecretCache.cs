using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Caching.Memory;

namespace AuthServer.Engine;

/// <summary>
/// Remembers client secrets that verified, so the deliberately slow secret hash (PBKDF2) runs once per
/// client and secret, not on every request. Only successes are kept, keyed by an HMAC with a random
/// per-process key over the client id, the presented secret and the stored hash: a changed secret
/// (new stored hash), on this node or another, misses at once, and nothing here reveals a secret.
/// </summary>
public sealed class VerifiedSecretCache : IDisposable
{
    public const int MaxEntries = 10_000;
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(10);

    private readonly byte[] _key = RandomNumberGenerator.GetBytes(32);
    private readonly MemoryCache _verified = new(new MemoryCacheOptions { SizeLimit = MaxEntries });

    internal int Count => _verified.Count;

    public bool Contains(string clientId, string secret, string storedHash) => _verified.TryGetValue(Key(clientId, secret, storedHash), out _);

    public void Remember(string clientId, string secret, string storedHash) =>
        _verified.Set(Key(clientId, secret, storedHash), true, new MemoryCacheEntryOptions
        {
            AbsoluteExpirationRelativeToNow = Lifetime,
            Size = 1,
        });

    private string Key(string clientId, string secret, string storedHash) =>
        Convert.ToBase64String(HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes($"{clientId}\0{secret}\0{storedHash}")));

    public void Dispose() => _verified.Dispose();
}
