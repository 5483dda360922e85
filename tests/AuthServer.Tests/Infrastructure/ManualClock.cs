namespace AuthServer.Tests.Infrastructure;

/// <summary>A clock that stands still until a test moves it: for logic that buckets time, where the real clock could cross a boundary mid-test.</summary>
public sealed class ManualClock(DateTimeOffset start) : TimeProvider
{
    private long _ticks = start.UtcTicks;

    public override DateTimeOffset GetUtcNow() => new(Interlocked.Read(ref _ticks), TimeSpan.Zero);

    public void Advance(TimeSpan by) => Interlocked.Add(ref _ticks, by.Ticks);
}
