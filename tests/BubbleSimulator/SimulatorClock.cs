namespace BubbleSimulator;

/// <summary>The system clock plus an offset tests can move forward, to expire tokens without waiting.</summary>
public sealed class SimulatorClock : TimeProvider
{
    private long _offsetTicks;

    public override DateTimeOffset GetUtcNow() => base.GetUtcNow() + TimeSpan.FromTicks(Interlocked.Read(ref _offsetTicks));

    public void Advance(TimeSpan by) => Interlocked.Add(ref _offsetTicks, by.Ticks);
}
