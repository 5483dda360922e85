using System.Security.Cryptography;
using System.Text;
using AuthServer.Options;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace AuthServer.Bubble;

/// <summary>
/// Reuses a positive Bubble answer for <c>Bubble:CacheLifetime</c>. Keyed by SHA-256 of the app and
/// the token together, so the token itself is never kept and one app's answer never serves another.
/// </summary>
public sealed class BubbleAnswerCache(IOptions<BubbleOptions> options, TimeProvider clock)
{
    private readonly MemoryCache _cache = new(new MemoryCacheOptions { SizeLimit = 50_000, Clock = new SystemClockAdapter(clock) });

    public BubbleAnswer.User? Find(string appUrl, string token) =>
        options.Value.CacheLifetime > TimeSpan.Zero && _cache.TryGetValue(Key(appUrl, token), out BubbleAnswer.User? user) ? user : null;

    public void Remember(string appUrl, string token, BubbleAnswer.User user)
    {
        if (options.Value.CacheLifetime > TimeSpan.Zero)
        {
            _cache.Set(Key(appUrl, token), user, new MemoryCacheEntryOptions
            {
                AbsoluteExpirationRelativeToNow = options.Value.CacheLifetime,
                Size = 1,
            });
        }
    }

    private static string Key(string appUrl, string token) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes($"{appUrl}\n{token}")));

#pragma warning disable CS0618 // MemoryCache still takes its clock as ISystemClock.
    private sealed class SystemClockAdapter(TimeProvider clock) : Microsoft.Extensions.Internal.ISystemClock
    {
        public DateTimeOffset UtcNow => clock.GetUtcNow();
    }
#pragma warning restore CS0618
}
