
namespace AuthServer.Operations.Telemetry;

/// <summary>
/// What this node did in the last hour: tokens issued by grant and Bubble answers by outcome, counted in
/// memory from the points that record the <c>AuthServer</c> meter. <b>Counts are per node</b> and start at zero
/// when the process starts: behind a load balancer each node sees only its share.
/// Bounded: 60 one-minute buckets, reused as the clock moves on. Recording takes no lock: a bucket of a past
/// minute is swapped for a fresh one with a compare-and-swap, and a count is one <see cref="Interlocked"/> add,
/// so the token endpoint never waits on it.
/// </summary>
public sealed class ActivityWindow(TimeProvider clock)
{
    /// <summary>How far back a snapshot reaches: the current minute and the 59 before it.</summary>
    public const int Minutes = 60;

    private readonly Bucket?[] _buckets = new Bucket?[Minutes];

    // Counting starts with the process: an hour's window must not claim to reach back before it.
    private readonly DateTimeOffset _countingSince = clock.GetUtcNow();

    public void Record(ActivityCounter counter)
    {
        var minute = CurrentMinute();
        var slot = (int)(minute % Minutes);
        var bucket = Volatile.Read(ref _buckets[slot]);
        while (bucket is null || bucket.Minute < minute)
        {
            // A bucket left from an hour ago (or never used) starts over; whoever loses the race uses the winner's.
            var fresh = new Bucket(minute);
            var seen = Interlocked.CompareExchange(ref _buckets[slot], fresh, bucket);
            bucket = ReferenceEquals(seen, bucket) ? fresh : seen;
        }

        // A bucket of a later minute means the clock went back a little: count into it rather than lose the event.
        Interlocked.Increment(ref bucket.Counts[(int)counter]);
    }

    /// <summary>The sums over the last <see cref="Minutes"/> minutes, as of now, on this node only.</summary>
    public ActivitySnapshot Snapshot()
    {
        var minute = CurrentMinute();
        var totals = new long[ActivityCounters.Count];
        for (var slot = 0; slot < Minutes; slot++)
        {
            var current = Volatile.Read(ref _buckets[slot]);
            if (current is not null && current.Minute > minute - Minutes && current.Minute <= minute)
            {
                for (var i = 0; i < totals.Length; i++)
                {
                    totals[i] += Interlocked.Read(ref current.Counts[i]);
                }
            }
        }

        var now = clock.GetUtcNow();
        var windowStart = DateTimeOffset.FromUnixTimeSeconds((minute - Minutes + 1) * 60);
        return new ActivitySnapshot(
            Since: windowStart > _countingSince ? windowStart : _countingSince,
            Until: now,
            new TokensIssued(
                totals[(int)ActivityCounter.TokenExchange], totals[(int)ActivityCounter.RefreshToken],
                totals[(int)ActivityCounter.ClientCredentials], totals[(int)ActivityCounter.OtherGrant]),
            new BubbleAnswers(
                totals[(int)ActivityCounter.BubbleUser], totals[(int)ActivityCounter.BubbleRejected],
                totals[(int)ActivityCounter.BubbleMisconfigured], totals[(int)ActivityCounter.BubbleUnavailable],
                totals[(int)ActivityCounter.BubbleCacheHit]));
    }

    private long CurrentMinute() => clock.GetUtcNow().ToUnixTimeSeconds() / 60;

    private sealed class Bucket(long minute)
    {
        public long Minute { get; } = minute;

        public readonly long[] Counts = new long[ActivityCounters.Count];
    }
}
