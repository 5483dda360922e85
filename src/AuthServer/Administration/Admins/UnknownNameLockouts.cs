using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using AuthServer.Options;

namespace AuthServer.Administration.Admins;

/// <summary>
/// Failed sign-ins with names that are no account, counted in memory exactly as an account's are counted in the
/// store, so such a name gets locked too: the lockout message tells an attacker nothing about which names exist.
/// Bounded: names are the attacker's to choose.
/// </summary>
public sealed class UnknownNameLockouts(IOptions<AdminOptions> options, TimeProvider clock) : IDisposable
{
    private readonly MemoryCache _names = new(new MemoryCacheOptions { SizeLimit = 10_000 });

    public DateTime? LockedUntil(string name)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        return _names.TryGetValue(Key(name), out Entry? entry) && entry!.LockoutEndUtc > now ? entry.LockoutEndUtc : null;
    }

    /// <summary>Counts a failure; returns the lockout end when this failure locks the name.</summary>
    public DateTime? RecordFailure(string name)
    {
        var admin = options.Value;
        var entry = _names.GetOrCreate(Key(name), item =>
        {
            item.Size = 1;
            // Only for clean-up: the counting below follows the injected clock.
            item.SlidingExpiration = admin.LockoutDuration * 2;
            return new Entry();
        })!;
        lock (entry)
        {
            if (++entry.Failures < admin.LockoutThreshold)
            {
                return null;
            }

            entry.Failures = 0;
            entry.LockoutEndUtc = clock.GetUtcNow().UtcDateTime + admin.LockoutDuration;
            return entry.LockoutEndUtc;
        }
    }

    public void Dispose() => _names.Dispose();

    // No account name is longer than 64 characters; a longer one (up to a form's limit) is not kept whole.
    private static string Key(string name) => name.Length <= 64 ? name : name[..65];

    private sealed class Entry
    {
        public int Failures;
        public DateTime LockoutEndUtc;
    }
}
