using AuthServer.Tests.Infrastructure;

namespace AuthServer.Tests;

/// <summary>
/// 200 refresh chains spread over two nodes, each refreshing twice at the same instant at every step
/// (once at each node): every refresh token is redeemed at most once (no reuse leeway), the loser of
/// each race revokes its chain, and no request fails with a 5xx.
/// </summary>
public sealed class RefreshContentionTests : ExchangeTest
{
    private const int Chains = 200;
    private const int Steps = 3;

    protected override IDictionary<string, string?> ExtraSettings => new Dictionary<string, string?>
    {
        ["Auth:RefreshTokenReuseLeeway"] = "00:00:00",
        ["RateLimits:Enabled"] = "false",
    };

    [Fact]
    public async Task Two_hundred_chains_racing_over_two_nodes_redeem_every_token_at_most_once_with_no_5xx()
    {
        await using var nodeB = await AuthServerInstance.StartAsync(DatabaseFile, Logs,
            new Dictionary<string, string?>(Settings) { ["Auth:Issuer"] = Server.Url }, configure: ConfigureServer);
        using var tokensB = new TokenClient(nodeB.Url);
        var subject = await LogInAsync(Bubble.Url);
        var chains = new List<string>();
        for (var i = 0; i < Chains; i++)
        {
            chains.Add((await ExchangeAsync(subject))["refresh_token"]!);
        }

        var racesRun = 0;
        var wins = 0;
        for (var step = 0; step < Steps && chains.Count > 0; step++)
        {
            var results = await Task.WhenAll(chains.Select(token => RaceAsync(token, tokensB)));
            racesRun += results.Length;
            chains = [];
            foreach (var pair in results)
            {
                Assert.All(pair, r => Assert.True(r.Status is 200 or 400, $"status {r.Status}: {r.Json}"));
                var winners = pair.Where(r => r.Status == 200).ToList();
                Assert.True(winners.Count <= 1, "one refresh token was redeemed twice");
                if (winners.Count == 1 && pair.Any(r => r.Status == 400))
                {
                    wins++;
                    // the loser's replay revoked the chain: the winner's new token is refused at either node
                    TokenEndpointErrorTests.AssertError(await RefreshAtAsync(tokensB, winners[0]["refresh_token"]!), 400, "invalid_grant");
                }
                else if (winners.Count == 1)
                {
                    chains.Add(winners[0]["refresh_token"]!); // the second request came after the first had finished
                }
            }
        }

        Assert.True(racesRun >= Chains && wins > 0, $"races {racesRun}, decided races {wins}");
    }

    private async Task<TokenResponse[]> RaceAsync(string token, TokenClient nodeB)
    {
        using var start = new SemaphoreSlim(0, 2);
        var atA = Task.Run(async () => { await start.WaitAsync(); return await RefreshAsync(token); });
        var atB = Task.Run(async () => { await start.WaitAsync(); return await RefreshAtAsync(nodeB, token); });
        start.Release(2);
        return await Task.WhenAll(atA, atB);
    }

    private static Task<TokenResponse> RefreshAtAsync(TokenClient node, string token) => node.PostAsync(
        new Dictionary<string, string> { ["grant_type"] = "refresh_token", ["refresh_token"] = token }, BubbleClient, BubbleSecret);
}
