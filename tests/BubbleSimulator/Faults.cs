namespace BubbleSimulator;

/// <summary>Failures a test can inject: error answers, slowness, a per-minute limit.</summary>
public sealed class Faults(TimeProvider clock)
{
    private readonly object _gate = new();
    private int _failuresLeft;
    private int _failureStatus;
    private int _perMinuteLimit;
    private DateTimeOffset _windowStart;
    private int _windowCount;

    public TimeSpan Delay { get; set; }

    /// <summary>The next <paramref name="count"/> API calls answer <paramref name="status"/> (429, 500, 503…).</summary>
    public void FailNext(int count, int status)
    {
        lock (_gate) { _failuresLeft = count; _failureStatus = status; }
    }

    /// <summary>At most <paramref name="limit"/> calls a minute; the rest get 429, as on Bubble's plans. 0 lifts it.</summary>
    public void LimitPerMinute(int limit)
    {
        lock (_gate) { _perMinuteLimit = limit; _windowCount = 0; _windowStart = clock.GetUtcNow(); }
    }

    public void Clear()
    {
        lock (_gate) { _failuresLeft = 0; _perMinuteLimit = 0; }
        Delay = TimeSpan.Zero;
    }

    /// <summary>The status to fail this call with, or null to serve it.</summary>
    public int? Take()
    {
        lock (_gate)
        {
            if (_failuresLeft > 0)
            {
                _failuresLeft--;
                return _failureStatus;
            }

            if (_perMinuteLimit > 0)
            {
                var now = clock.GetUtcNow();
                if (now - _windowStart >= TimeSpan.FromMinutes(1)) { _windowStart = now; _windowCount = 0; }
                if (++_windowCount > _perMinuteLimit) return StatusCodes.Status429TooManyRequests;
            }

            return null;
        }
    }
}
