using AuthServer.Tests.Infrastructure;

namespace AuthServer.Tests.Bubble;

public sealed class BubbleOutageTests : ExchangeTest
{
    // Short, so that the slow-Bubble test's 3 s delay is well past it and each timed-out attempt costs little.
    protected override IDictionary<string, string?> ExtraSettings =>
        new Dictionary<string, string?> { ["Bubble:Timeout"] = "00:00:01" };

    [Theory]
    [InlineData(503)]
    [InlineData(500)]
    [InlineData(429)]
    public async Task Bubble_error_answer_is_503_temporarily_unavailable_with_retry_after(int status)
    {
        var token = await LogInAsync(Bubble.Url);
        Bubble.Simulator.Faults.FailNext(5, status);

        AssertUnavailable(await ExchangeAsync(token));
    }

    [Fact]
    public async Task One_transient_failure_is_retried_once_and_succeeds()
    {
        var token = await LogInAsync(Bubble.Url);
        Bubble.Simulator.Faults.FailNext(1, 503);

        Assert.Equal(200, (await ExchangeAsync(token)).Status);
        Assert.Equal(2, WhoAmICalls());
    }

    [Fact]
    public async Task Rate_limited_call_is_not_retried()
    {
        var token = await LogInAsync(Bubble.Url);
        Bubble.Simulator.Faults.FailNext(1, 429);

        AssertUnavailable(await ExchangeAsync(token));
        Assert.Equal(1, WhoAmICalls());
    }

    [Fact]
    public async Task Per_minute_limit_is_503_not_invalid_grant()
    {
        var token = await LogInAsync(Bubble.Url);
        Bubble.Simulator.Faults.LimitPerMinute(1);
        Assert.Equal(200, await CallWhoAmIDirectlyAsync(token));

        AssertUnavailable(await ExchangeAsync(token));
        Assert.Equal(429, Bubble.Simulator.Requests.All[^1].Status);
    }

    [Fact]
    public async Task Bubble_slower_than_the_timeout_is_503()
    {
        var token = await LogInAsync(Bubble.Url);
        Bubble.Simulator.Faults.Delay = TimeSpan.FromSeconds(3);

        AssertUnavailable(await ExchangeAsync(token));
    }

    [Fact]
    public async Task Closed_port_is_503()
    {
        AssertUnavailable(await ExchangeAsync("bus|1234567890123x123456789012345678|1234567890123x123456789012345678",
            clientId: UnreachableClient, secret: BubbleSecret + 4));
    }

    [Fact]
    public async Task Breaker_opens_after_repeated_failures_and_recovers()
    {
        var token = await LogInAsync(Bubble.Url);
        Bubble.Simulator.Faults.FailNext(1000, 503);
        for (var i = 0; i < 4; i++)
        {
            AssertUnavailable(await ExchangeAsync(token));
        }

        var callsWhenOpen = WhoAmICalls();
        AssertUnavailable(await ExchangeAsync(token));
        Assert.Equal(callsWhenOpen, WhoAmICalls()); // the open breaker spares Bubble

        Bubble.Simulator.Faults.Clear();
        await Task.Delay(TimeSpan.FromSeconds(1.5));
        Assert.Equal(200, (await ExchangeAsync(token)).Status);
    }

    [Fact]
    public async Task Outage_of_one_bubble_app_does_not_break_another()
    {
        OtherBubble.Simulator.Live.AddUser(UserEmail, UserPassword);
        var otherToken = await LogInAsync(OtherBubble.Url);
        var token = await LogInAsync(Bubble.Url);
        Bubble.Simulator.Faults.FailNext(1000, 503);
        for (var i = 0; i < 6; i++)
        {
            await ExchangeAsync(token);
        }

        Assert.Equal(200, (await ExchangeAsync(otherToken, clientId: OtherAppClient, secret: BubbleSecret + 3)).Status);
    }

    private async Task<int> CallWhoAmIDirectlyAsync(string token)
    {
        using var http = new HttpClient();
        http.DefaultRequestHeaders.Authorization = new("Bearer", token);
        return (int)(await http.PostAsync($"{Bubble.Url}/api/1.1/wf/whoami", null)).StatusCode;
    }

    private static void AssertUnavailable(TokenResponse response)
    {
        OAuthAssert.Error(response, 503, "temporarily_unavailable");
        Assert.True(response.Response.Headers.RetryAfter?.Delta > TimeSpan.Zero, "Retry-After is missing");
    }
}
