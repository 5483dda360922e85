using AuthServer.Tests.Infrastructure;
using AuthServer.Operations.Telemetry;

namespace AuthServer.Tests.Operations.Telemetry;

/// <summary>The console's last hour: 60 one-minute buckets on this node, rolled by the clock.</summary>
public sealed class ActivityWindowTests
{
    private static readonly DateTimeOffset Noon = new(2030, 1, 1, 12, 0, 30, TimeSpan.Zero);

    [Fact]
    public void Counts_recorded_within_the_last_hour_are_in_the_snapshot_by_grant_and_outcome()
    {
        var clock = new ManualClock(Noon);
        var window = new ActivityWindow(clock);

        window.Record(ActivityCounter.TokenExchange);
        clock.Advance(TimeSpan.FromMinutes(30));
        window.Record(ActivityCounter.TokenExchange);
        window.Record(ActivityCounter.ClientCredentials);
        window.Record(ActivityCounter.BubbleMisconfigured);
        window.Record(ActivityCounter.BubbleCacheHit);
        clock.Advance(TimeSpan.FromMinutes(29));

        var snapshot = window.Snapshot();
        Assert.Equal(new TokensIssued(TokenExchange: 2, RefreshToken: 0, ClientCredentials: 1, Other: 0), snapshot.Tokens);
        Assert.Equal(new BubbleAnswers(User: 0, Rejected: 0, Misconfigured: 1, Unavailable: 0, CacheHits: 1), snapshot.Bubble);
        Assert.Equal(Noon, snapshot.Since); // counting began at noon and a half minute, within the hour's first minute
        Assert.Equal(clock.GetUtcNow(), snapshot.Until);
    }

    [Fact]
    public void The_window_reaches_back_to_the_start_of_counting_then_an_hour_once_counting_is_older()
    {
        var clock = new ManualClock(Noon);
        var window = new ActivityWindow(clock);

        clock.Advance(TimeSpan.FromMinutes(20));
        Assert.Equal(Noon, window.Snapshot().Since); // never "since 11:21" for a node started at noon

        clock.Advance(TimeSpan.FromMinutes(100));
        Assert.Equal(new DateTimeOffset(2030, 1, 1, 13, 1, 0, TimeSpan.Zero), window.Snapshot().Since); // 14:00:30 less 59 min, to the minute
    }

    [Fact]
    public void A_minute_more_than_an_hour_old_drops_out_of_the_window()
    {
        var clock = new ManualClock(Noon);
        var window = new ActivityWindow(clock);
        window.Record(ActivityCounter.RefreshToken);
        clock.Advance(TimeSpan.FromMinutes(1));
        window.Record(ActivityCounter.RefreshToken);

        clock.Advance(TimeSpan.FromMinutes(59));

        Assert.Equal(1, window.Snapshot().Tokens.RefreshToken);
        clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(0, window.Snapshot().Tokens.RefreshToken);
    }

    [Fact]
    public void A_bucket_reused_an_hour_later_starts_from_zero()
    {
        var clock = new ManualClock(Noon);
        var window = new ActivityWindow(clock);
        window.Record(ActivityCounter.BubbleUser);
        window.Record(ActivityCounter.BubbleUser);

        clock.Advance(TimeSpan.FromMinutes(ActivityWindow.Minutes)); // the same slot, a new minute
        window.Record(ActivityCounter.BubbleUser);

        Assert.Equal(1, window.Snapshot().Bubble.User);
    }

    [Fact]
    public void Recording_from_many_threads_at_once_loses_no_count()
    {
        var clock = new ManualClock(Noon);
        var window = new ActivityWindow(clock);

        Parallel.For(0, 40_000, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i =>
            window.Record(i % 2 == 0 ? ActivityCounter.TokenExchange : ActivityCounter.BubbleUser));

        var snapshot = window.Snapshot();
        Assert.Equal(20_000, snapshot.Tokens.TokenExchange);
        Assert.Equal(20_000, snapshot.Bubble.User);
    }

    [Fact]
    public void Threads_that_roll_a_stale_bucket_at_once_keep_every_count_of_the_new_minute()
    {
        var clock = new ManualClock(Noon);
        var window = new ActivityWindow(clock);
        window.Record(ActivityCounter.ClientCredentials); // the slot now holds a bucket an hour from stale
        clock.Advance(TimeSpan.FromMinutes(ActivityWindow.Minutes));

        Parallel.For(0, 10_000, new ParallelOptions { MaxDegreeOfParallelism = 8 }, _ => window.Record(ActivityCounter.ClientCredentials));

        Assert.Equal(10_000, window.Snapshot().Tokens.ClientCredentials);
    }
}
