using AuthServer.Tests.Infrastructure;

namespace AuthServer.Tests.Sessions;

/// <summary><c>/connect/revoke-sessions</c> draws on the client's request bucket and lockout, as the token endpoint does.</summary>
public sealed class RevokeSessionsRateLimitTests : ExchangeTest
{
    protected override IDictionary<string, string?> ExtraSettings => new Dictionary<string, string?>
    {
        ["RateLimits:RequestsPerMinute"] = "4",
        ["RateLimits:FailedAuthenticationsBeforeLockout"] = "3",
    };

    [Fact]
    public async Task A_client_over_its_request_limit_gets_429_with_retry_after_and_other_clients_are_unaffected()
    {
        for (var i = 0; i < 4; i++)
        {
            Assert.Equal(200, (await Tokens.RevokeSessionsAsync(User.Id, BubbleClient, BubbleSecret)).Status);
        }

        var refused = await Tokens.RevokeSessionsAsync(User.Id, BubbleClient, BubbleSecret);

        OAuthAssert.Error(refused, 429, "temporarily_unavailable");
        Assert.True(refused.Response.Headers.RetryAfter?.Delta > TimeSpan.Zero);
        Assert.Equal(200, (await Tokens.RevokeSessionsAsync(User.Id, OtherAppClient, BubbleSecret + 3)).Status);
        Assert.True(Logs.HasEvent(1006));
    }

    [Fact]
    public async Task Wrong_secrets_here_lock_the_client_out_here_and_at_the_token_endpoint()
    {
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(401, (await Tokens.RevokeSessionsAsync(User.Id, BubbleClient, $"guess-{i}")).Status);
        }

        OAuthAssert.Error(await Tokens.RevokeSessionsAsync(User.Id, BubbleClient, BubbleSecret), 429, "temporarily_unavailable");
        OAuthAssert.Error(await ExchangeAsync(await LogInAsync(Bubble.Url)), 429, "temporarily_unavailable");
    }
}
