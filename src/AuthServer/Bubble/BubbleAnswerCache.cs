using System.Security.Cryptography;
using System.Text.Json;
using AuthServer.Options;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace AuthServer.Bubble;

/// <summary>
/// Reuses a positive Bubble answer for <c>Bubble:CacheLifetime</c> after Bubble gave it; a hit never
/// extends that. Keyed by SHA-256 of the app, the claims kept and the token together, so the token
/// itself is never kept, one app's answer never serves another, and a client never gets an answer
/// trimmed to another client's BubbleClaims. Entries are sized in bytes, within <see cref="BubbleLimits.CacheBytes"/>.
/// A rejection is remembered too, for <c>Bubble:RejectedCacheLifetime</c>, under a key of its own.
/// </summary>
public sealed class BubbleAnswerCache(IOptions<BubbleOptions> options, TimeProvider clock)
{
    private const int KeyBytes = 2 * 64 + 48;

    private readonly MemoryCache _cache = new(new MemoryCacheOptions
    {
        SizeLimit = BubbleLimits.CacheBytes,
        TrackStatistics = true,
        Clock = new SystemClockAdapter(clock),
    });

    /// <summary>The estimated bytes of every entry held now.</summary>
    public long SizeInBytes => _cache.GetCurrentStatistics()?.CurrentEstimatedSize ?? 0;

    public BubbleAnswer.User? Find(string appUrl, IReadOnlyCollection<string> claimNames, string token) =>
        options.Value.CacheLifetime > TimeSpan.Zero && _cache.TryGetValue(Key(appUrl, claimNames, token), out BubbleAnswer.User? user)
            ? user
            : null;

    /// <summary>Only for an answer Bubble has just given: its lifetime starts now.</summary>
    public void Remember(string appUrl, IReadOnlyCollection<string> claimNames, string token, BubbleAnswer.User user)
    {
        if (options.Value.CacheLifetime > TimeSpan.Zero)
        {
            _cache.Set(Key(appUrl, claimNames, token), user, new MemoryCacheEntryOptions
            {
                AbsoluteExpirationRelativeToNow = options.Value.CacheLifetime,
                Size = KeyBytes + user.SizeInBytes,
            });
        }
    }

    /// <summary>Drops a positive answer Bubble has since taken back (a session check met a logged-out token).</summary>
    public void Forget(string appUrl, IReadOnlyCollection<string> claimNames, string token) =>
        _cache.Remove(Key(appUrl, claimNames, token));

    /// <summary>A rejection (401 or no user) Bubble gave for this token within <c>Bubble:RejectedCacheLifetime</c>.</summary>
    public BubbleAnswer? FindRejection(string appUrl, string token) =>
        options.Value.RejectedCacheLifetime > TimeSpan.Zero && _cache.TryGetValue(RejectionKey(appUrl, token), out BubbleAnswer? answer)
            ? answer
            : null;

    public void RememberRejection(string appUrl, string token, BubbleAnswer answer)
    {
        if (options.Value.RejectedCacheLifetime > TimeSpan.Zero && answer is BubbleAnswer.Rejected or BubbleAnswer.NoUser)
        {
            _cache.Set(RejectionKey(appUrl, token), answer, new MemoryCacheEntryOptions
            {
                AbsoluteExpirationRelativeToNow = options.Value.RejectedCacheLifetime,
                Size = KeyBytes + 64,
            });
        }
    }

    // Another shape than a positive answer's key, so the two can never collide.
    private static string RejectionKey(string appUrl, string token) =>
        Convert.ToHexString(SHA256.HashData(JsonSerializer.SerializeToUtf8Bytes(new object[] { "rejected", appUrl, token })));

    private static string Key(string appUrl, IReadOnlyCollection<string> claimNames, string token) =>
        Convert.ToHexString(SHA256.HashData(JsonSerializer.SerializeToUtf8Bytes(
            new object[] { appUrl, claimNames.Order(StringComparer.Ordinal).ToArray(), token })));

#pragma warning disable CS0618 // MemoryCache still takes its clock as ISystemClock.
    private sealed class SystemClockAdapter(TimeProvider clock) : Microsoft.Extensions.Internal.ISystemClock
    {
        public DateTimeOffset UtcNow => clock.GetUtcNow();
    }
#pragma warning restore CS0618
}
