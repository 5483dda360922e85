using AuthServer.Tests.Infrastructure;

namespace AuthServer.Tests.Sessions;

/// <summary>
/// Two refreshes of a chain racing the end of its user's sessions: whichever wins, the chain ends, and no token the
/// refreshes were given works afterwards (the chain's authorization is revoked, so a token issued into it a moment
/// after the end is refused too).
/// </summary>
public sealed class RevokeSessionsRaceTests : ExchangeTest
{
    protected override IDictionary<string, string?> ExtraSettings => new Dictionary<string, string?>
    {
        ["RateLimits:Enabled"] = "false",
    };

    [Fact]
    public async Task Two_refreshes_racing_a_session_end_never_leave_a_working_token()
    {
        var subject = await LogInAsync(Bubble.Url);
        var endedSomething = false;
        for (var round = 0; round < 12; round++)
        {
            var chain = await ExchangeAsync(subject);
            var refreshToken = chain["refresh_token"]!;

            using var start = new SemaphoreSlim(0, 3);
            var refreshes = new[]
            {
                Task.Run(async () => { await start.WaitAsync(); return await RefreshAsync(refreshToken); }),
                Task.Run(async () => { await start.WaitAsync(); return await RefreshAsync(refreshToken); }),
            };
            var end = Task.Run(async () => { await start.WaitAsync(); return await Tokens.RevokeSessionsAsync(User.Id, BubbleClient, BubbleSecret); });
            start.Release(3);
            var results = await Task.WhenAll(refreshes);
            var ended = await end;

            Assert.Equal(200, ended.Status);
            endedSomething |= ended.RevokedSessions() == 1;
            Assert.All(results, r => Assert.True(r.Status is 200 or 400, $"status {r.Status}: {r.Json}"));
            Assert.All(results.Where(r => r.Status == 400), r => Assert.Equal("invalid_grant", r["error"]));

            // After the end, nothing of the chain works: the first token, every token a racing refresh was given.
            OAuthAssert.Error(await RefreshAsync(refreshToken), 400, "invalid_grant");
            Assert.False(await IsActiveAsync(chain.AccessToken), $"round {round}: the exchange's access token");
            foreach (var won in results.Where(r => r.Status == 200))
            {
                Assert.False(await IsActiveAsync(won.AccessToken), $"round {round}: an access token issued in the race");
                Assert.False(await IsActiveAsync(won["refresh_token"]!), $"round {round}: a refresh token issued in the race");
                OAuthAssert.Error(await RefreshAsync(won["refresh_token"]!), 400, "invalid_grant");
            }

            Assert.Equal(0, (await Tokens.RevokeSessionsAsync(User.Id, BubbleClient, BubbleSecret)).RevokedSessions());
        }

        Assert.True(endedSomething, "no round's end found the chain: the race was not run");
    }

    private async Task<bool> IsActiveAsync(string token) =>
        (await Tokens.IntrospectAsync(token, BubbleClient, BubbleSecret)).GetProperty("active").GetBoolean();
}
