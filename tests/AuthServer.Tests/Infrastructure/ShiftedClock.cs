namespace AuthServer.Tests.Infrastructure;

/// <summary>
/// The real clock, moved forward when a test says so: for a server test that must see a date pass (a secret's grace
/// period ending) without waiting for it, while everything else keeps running in real time.
/// </summary>
public sealed class ShiftedClock : TimeProvider
{
    private long _offsetTicks;

    public override DateTimeOffset GetUtcNow() => System.GetUtcNow().AddTicks(Interlocked.Read(ref _offsetTicks));

    public void Shift(TimeSpan by) => Interlocked.Add(ref _offsetTicks, by.Ticks);
}
