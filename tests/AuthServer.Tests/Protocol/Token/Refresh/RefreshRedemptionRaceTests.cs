using AuthServer.Tests.Infrastructure;

namespace AuthServer.Tests.Protocol.Token.Refresh;

/// <summary>With no reuse leeway, a refresh token is redeemed at most once, even by two requests at the same instant.</summary>
public sealed class RefreshRedemptionRaceTests : ExchangeTest
{
    protected override IDictionary<string, string?> ExtraSettings => new Dictionary<string, string?>
    {
        ["Auth:RefreshTokenReuseLeeway"] = "00:00:00",
        ["RateLimits:Enabled"] = "false",
    };

    [Fact]
    public Task Two_redemptions_of_one_token_at_the_same_instant_never_both_succeed() => RaceAsync(token => RefreshAsync(token));

    [Fact]
    public async Task Two_nodes_sharing_one_store_never_both_redeem_one_token()
    {
        await using var nodeB = await StartSecondNodeAsync();
        using var tokensB = new TokenClient(nodeB.Url);
        var alone = (await ExchangeAsync(await LogInAsync(Bubble.Url)))["refresh_token"]!;
        Assert.Equal(200, (await RefreshAtAsync(tokensB, alone)).Status);
        // Each pair: one request to this test's node, the other to node B, at the same instant.
        await RaceAsync(token => RefreshAtAsync(tokensB, token));
    }

    private async Task RaceAsync(Func<string, Task<TokenResponse>> refresh)
    {
        var subject = await LogInAsync(Bubble.Url);
        var refreshTokens = new List<string>();
        for (var i = 0; i < 30; i++)
        {
            refreshTokens.Add((await ExchangeAsync(subject))["refresh_token"]!);
        }

        var pairs = await Task.WhenAll(refreshTokens.Select(async token =>
        {
            using var start = new SemaphoreSlim(0, 2);
            var first = Task.Run(async () => { await start.WaitAsync(); return await RefreshAsync(token); });
            var second = Task.Run(async () => { await start.WaitAsync(); return await refresh(token); });
            start.Release(2);
            return await Task.WhenAll(first, second);
        }));

        Assert.Contains(pairs, pair => pair.Any(r => r.Status == 200)); // the race was run, not refused wholesale
        foreach (var pair in pairs)
        {
            Assert.All(pair, r => Assert.True(r.Status is 200 or 400, $"status {r.Status}: {r.Json}"));
            Assert.True(pair.Count(r => r.Status == 200) <= 1, "one refresh token was redeemed twice");
            foreach (var winner in pair.Where(r => r.Status == 200 && pair.Any(other => other.Status == 400)))
            {
                // the loser's replay revoked the chain: the winner's new refresh token no longer works
                OAuthAssert.Error(await RefreshAsync(winner["refresh_token"]!), 400, "invalid_grant");
            }
        }
    }
}
