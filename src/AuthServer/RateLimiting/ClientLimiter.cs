using System.Collections.Concurrent;
using System.Threading.RateLimiting;
using AuthServer.Options;
using AuthServer.Telemetry;
using Microsoft.Extensions.Options;

namespace AuthServer.RateLimiting;

/// <summary>
/// Per client id: a token bucket for requests, and a sliding window of failed authentications that,
/// once full, refuses the client id until failures age out, so a secret cannot be guessed at speed.
/// Bubble calls come from Bubble's shared servers, so limits follow the client id, not the IP address.
/// Failures are tracked only for client ids that exist (the recorder checks), so made-up ids, which
/// have no secret to guess, hold no state: the windows are bounded by the number of clients.
/// </summary>
public sealed class ClientLimiter : IDisposable
{
    private readonly PartitionedRateLimiter<string> _requests;
    private readonly ConcurrentDictionary<string, SlidingWindowRateLimiter> _failures = new(StringComparer.Ordinal);
    private readonly SlidingWindowRateLimiterOptions _failureWindow;

    private readonly bool _enabled;
    private readonly AuthServerMetrics _metrics;

    public ClientLimiter(IOptions<RateLimitOptions> options, AuthServerMetrics metrics)
    {
        _metrics = metrics;
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
        _failureWindow = new SlidingWindowRateLimiterOptions
        {
            PermitLimit = limits.FailedAuthenticationsBeforeLockout,
            Window = limits.LockoutWindow,
            SegmentsPerWindow = 5,
            QueueLimit = 0,
            AutoReplenishment = true,
        };
        LockoutRetryAfter = limits.LockoutWindow / 5;
    }

    public TimeSpan LockoutRetryAfter { get; }

    /// <summary>How many client ids have a failure window: at most the number of clients, never one per id sent.</summary>
    internal int TrackedFailureWindows => _failures.Count;

    /// <summary>Null when the request may go on; otherwise how long the client should wait.</summary>
    public TimeSpan? TryAcquire(string clientId)
    {
        if (!_enabled)
        {
            return null;
        }

        if (_failures.TryGetValue(clientId, out var failures) && failures.GetStatistics()?.CurrentAvailablePermits <= 0)
        {
            _metrics.RateLimited(lockout: true);
            return LockoutRetryAfter;
        }

        using var lease = _requests.AttemptAcquire(clientId);
        if (lease.IsAcquired)
        {
            return null;
        }

        _metrics.RateLimited(lockout: false);
        return lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : TimeSpan.FromSeconds(1);
    }

    /// <summary>Only for a client id that exists; see <see cref="FailedAuthenticationRecorder{TContext}"/>.</summary>
    public void RecordFailedAuthentication(string clientId)
    {
        if (!_enabled)
        {
            return;
        }

        if (!_failures.TryGetValue(clientId, out var failures))
        {
            lock (_failures) // each window owns a timer: create exactly one per client id
            {
                failures = _failures.GetOrAdd(clientId, _ => new SlidingWindowRateLimiter(_failureWindow));
            }
        }

        using var _ = failures.AttemptAcquire();
    }

    public void Dispose()
    {
        _requests.Dispose();
        foreach (var window in _failures.Values)
        {
            window.Dispose();
        }
    }
}
