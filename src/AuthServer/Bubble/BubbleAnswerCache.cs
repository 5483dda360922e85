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
