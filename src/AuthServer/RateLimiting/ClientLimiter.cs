using System.Threading.RateLimiting;
using AuthServer.Options;
using Microsoft.Extensions.Options;

namespace AuthServer.RateLimiting;

/// <summary>
/// Per client id: a token bucket for requests, and a sliding window of failed authentications that,
/// once full, refuses the client id until failures age out, so a secret cannot be guessed at speed.
/// Bubble calls come from Bubble's shared servers, so limits follow the client id, not the IP address.
/// </summary>
public sealed class ClientLimiter : IDisposable
{
    private readonly PartitionedRateLimiter<string> _requests;
    private readonly PartitionedRateLimiter<string> _failures;

    private readonly bool _enabled;

    public ClientLimiter(IOptions<RateLimitOptions> options)
    {
        var limits = options.Value;
        _enabled = limits.Enabled;
        _requests = PartitionedRateLimiter.Create<string, string>(client => RateLimitPartition.GetTokenBucketLimiter(client, _ =>
            new TokenBucketRateLimiterOptions
            {
                TokenLimit = limits.RequestsPerMinute,
                TokensPerPeriod = Math.Max(1, limits.RequestsPerMinute / 60),
                ReplenishmentPeriod = TimeSpan.FromSeconds(limits.RequestsPerMinute >= 60 ? 1 : 60.0 / limits.RequestsPerMinute),
                QueueLimit = 0,
                AutoReplenishment = true,
            }));
        _failures = PartitionedRateLimiter.Create<string, string>(client => RateLimitPartition.GetSlidingWindowLimiter(client, _ =>
            new SlidingWindowRateLimiterOptions
            {
                PermitLimit = limits.FailedAuthenticationsBeforeLockout,
                Window = limits.LockoutWindow,
                SegmentsPerWindow = 5,
                QueueLimit = 0,
                AutoReplenishment = true,
            }));
        LockoutRetryAfter = limits.LockoutWindow / 5;
    }

    public TimeSpan LockoutRetryAfter { get; }

    /// <summary>Null when the request may go on; otherwise how long the client should wait.</summary>
    public TimeSpan? TryAcquire(string clientId)
    {
        if (!_enabled)
        {
            return null;
        }

        if (_failures.GetStatistics(clientId)?.CurrentAvailablePermits <= 0)
        {
            return LockoutRetryAfter;
        }

        using var lease = _requests.AttemptAcquire(clientId);
        return lease.IsAcquired
            ? null
            : lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : TimeSpan.FromSeconds(1);
    }

    public void RecordFailedAuthentication(string clientId)
    {
        if (!_enabled)
        {
            return;
        }

        using var _ = _failures.AttemptAcquire(clientId);
    }

    public void Dispose()
    {
        _requests.Dispose();
        _failures.Dispose();
    }
}
