using AuthServer.Tests.Infrastructure;

namespace AuthServer.Tests.Bubble;

/// <summary>
/// A client that presents subject tokens its Bubble app rejects: the same dead token is refused again
/// without asking Bubble, and a client sending many rejected tokens has its exchanges throttled (429)
/// until the rejections age out, while its refreshes and other clients go on.
/// </summary>
public sealed class BubbleAbuseTests : ExchangeTest
{
    protected override IDictionary<string, string?> ExtraSettings => new Dictionary<string, string?>
    {
        ["RateLimits:RejectedSubjectTokensBeforeThrottle"] = "3",
        ["RateLimits:LockoutWindow"] = "00:00:02",
    };

    [Fact]
    public async Task A_token_bubble_just_rejected_is_refused_again_without_calling_bubble()
    {
        var dead = DeadToken(1);

        OAuthAssert.Error(await ExchangeAsync(dead), 400, "invalid_request");
        OAuthAssert.Error(await ExchangeAsync(dead), 400, "invalid_request");

        Assert.Equal(1, WhoAmICalls());
    }

    [Fact]
    public async Task Many_rejected_subject_tokens_throttle_the_clients_exchanges_until_they_age_out()
    {
        var refreshToken = (await ExchangeAsync(await LogInAsync(Bubble.Url)))["refresh_token"]!;
        for (var i = 0; i < 3; i++)
        {
            OAuthAssert.Error(await ExchangeAsync(DeadToken(i)), 400, "invalid_request");
        }

        var valid = await LogInAsync(Bubble.Url);
        var calls = WhoAmICalls();
        var throttled = await ExchangeAsync(valid);
        OAuthAssert.Error(throttled, 429, "temporarily_unavailable");
        Assert.NotNull(throttled.Response.Headers.RetryAfter);
        Assert.Equal(calls, WhoAmICalls()); // refused before Bubble is asked
        Assert.Equal(200, (await RefreshAsync(refreshToken)).Status);
        Assert.Equal(200, (await Tokens.ClientCredentialsAsync()).Status);

        await Task.Delay(TimeSpan.FromSeconds(2.5)); // the window (RateLimits:LockoutWindow) has passed
        Assert.Equal(200, (await ExchangeAsync(valid)).Status);
    }

    // Well-formed Bubble tokens that the simulator does not know: it answers 401, as Bubble does.
    private static string DeadToken(int n) => $"bus|1234567890123x{n:D18}|1234567890123x888888888888888888";
}
