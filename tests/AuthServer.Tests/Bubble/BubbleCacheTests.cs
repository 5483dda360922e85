using AuthServer.Tests.Infrastructure;

namespace AuthServer.Tests.Bubble;

public sealed class BubbleCacheTests : ExchangeTest
{
    [Fact]
    public async Task Second_exchange_within_the_cache_lifetime_makes_no_bubble_call()
    {
        var token = await LogInAsync(Bubble.Url);

        Assert.Equal(200, (await ExchangeAsync(token)).Status);
        Assert.Equal(200, (await ExchangeAsync(token)).Status);

        Assert.Equal(1, WhoAmICalls());
    }

    [Fact]
    public async Task After_the_cache_lifetime_the_next_exchange_asks_bubble_again()
    {
        var token = await LogInAsync(Bubble.Url);
        Assert.Equal(200, (await ExchangeAsync(token)).Status);

        Clock.Advance(TimeSpan.FromSeconds(61));

        Assert.Equal(200, (await ExchangeAsync(token)).Status);
        Assert.Equal(2, WhoAmICalls());
    }

    [Fact]
    public async Task Cache_hits_never_extend_a_positive_answer_past_the_lifetime_since_bubble_said_yes()
    {
        var token = await LogInAsync(Bubble.Url);
        Assert.Equal(200, (await ExchangeAsync(token)).Status);       // Bubble says yes: reusable for 60 s from now
        Clock.Advance(TimeSpan.FromSeconds(40));
        Assert.Equal(200, (await ExchangeAsync(token)).Status);       // a hit, which must not renew the entry
        Bubble.Simulator.Live.LogOut(token);

        Clock.Advance(TimeSpan.FromSeconds(30));                      // 70 s after Bubble's yes

        Assert.Equal("invalid_request", (await ExchangeAsync(token))["error"]);
        Assert.Equal(2, WhoAmICalls());
    }

    [Fact]
    public async Task A_cached_answer_never_serves_another_bubble_app()
    {
        Bubble.Simulator.VersionTest.AddUser(UserEmail, UserPassword);
        var liveToken = await LogInAsync(Bubble.Url);
        Assert.Equal(200, (await ExchangeAsync(liveToken)).Status);

        var other = await ExchangeAsync(liveToken, clientId: TestVersionClient, secret: BubbleSecret + 2);

        Assert.Equal("invalid_request", other["error"]);
        Assert.Equal(2, WhoAmICalls());
    }

    [Fact]
    public async Task Rejections_are_not_cached()
    {
        var token = await LogInAsync(Bubble.Url);
        Bubble.Simulator.Faults.FailNext(2, 503); // the first try and its one retry
        Assert.Equal(503, (await ExchangeAsync(token)).Status);

        Assert.Equal(200, (await ExchangeAsync(token)).Status);
    }
}

public sealed class BubbleCacheDisabledTests : ExchangeTest
{
    protected override IDictionary<string, string?> ExtraSettings => new Dictionary<string, string?> { ["Bubble:CacheLifetime"] = "00:00:00" };

    [Fact]
    public async Task A_zero_cache_lifetime_asks_bubble_every_time()
    {
        var token = await LogInAsync(Bubble.Url);

        await ExchangeAsync(token);
        await ExchangeAsync(token);

        Assert.Equal(2, WhoAmICalls());
    }
}
