using System.Collections.Concurrent;
using System.Threading.RateLimiting;

namespace AuthServer.Protocol.Guards;

/// <summary>
/// One sliding window of failures per client id; a full window refuses that client id until failures
/// age out. Windows exist only for client ids the callers have checked exist, so they are bounded by
/// the number of clients, never by what an attacker sends.
/// </summary>
public sealed class FailureWindows(int permitLimit, TimeSpan window) : IDisposable
{
    private readonly ConcurrentDictionary<string, SlidingWindowRateLimiter> _windows = new(StringComparer.Ordinal);
    private readonly SlidingWindowRateLimiterOptions _options = new()
    {
        PermitLimit = permitLimit,
        Window = window,
        SegmentsPerWindow = 5,
        QueueLimit = 0,
        AutoReplenishment = true,
    };

    /// <summary>How long a refused client should wait: one segment, when the oldest failures age out.</summary>
    public TimeSpan RetryAfter { get; } = window / 5;

    public int Count => _windows.Count;

    public bool IsFull(string clientId) =>
        _windows.TryGetValue(clientId, out var failures) && failures.GetStatistics()?.CurrentAvailablePermits <= 0;

    public void Record(string clientId)
    {
        if (!_windows.TryGetValue(clientId, out var failures))
        {
            lock (_windows) // each window owns a timer: create exactly one per client id
            {
                failures = _windows.GetOrAdd(clientId, _ => new SlidingWindowRateLimiter(_options));
            }
        }

        using var _ = failures.AttemptAcquire();
    }

    public void Dispose()
    {
        foreach (var failures in _windows.Values)
        {
            failures.Dispose();
        }
    }
}
