using AuthServer.Tests.Infrastructure;

namespace AuthServer.Tests.Protocol.Token.Refresh;

/// <summary>
/// 200 refresh chains spread over two nodes, each refreshing twice at the same instant at every step
/// (once at each node), with zero 5xx anywhere. With no reuse leeway, a token is redeemed at most once and
/// the loser of each race revokes its chain. With the default leeway, both racers may be served, the
/// chains go on, and once the leeway has passed every spent token is refused.
/// </summary>
public sealed class RefreshContentionTests : ExchangeTest
{
    private const int Chains = 200;
    private const int Steps = 3;

    protected override IDictionary<string, string?> ExtraSettings => new Dictionary<string, string?>
    {
        ["RateLimits:Enabled"] = "false",
        // 400 requests at once on a shared two-core machine: what is tested is who wins, not how fast.
        ["Database:RequestDeadline"] = "00:02:00",
    };

    [Fact]
    public async Task Without_leeway_two_hundred_chains_racing_over_two_nodes_redeem_every_token_at_most_once()
    {
        await using var nodeB = await StartNodeAsync(leeway: "00:00:00");
        using var tokensB = new TokenClient(nodeB.Url);
        // Both racing nodes without leeway (this test's own node keeps the default): two more nodes on the store.
        await using var nodeA = await StartNodeAsync(leeway: "00:00:00");
        using var tokensA = new TokenClient(nodeA.Url);

        var pairs = await Task.WhenAll((await StartChainsAsync()).Select(token => RaceAsync(token, tokensA, tokensB)));

        var decided = 0;
        foreach (var pair in pairs)
        {
            Assert.All(pair, r => Assert.True(r.Status is 200 or 400, $"status {r.Status}: {r.Json} {StoreFailures()}"));
            var winners = pair.Where(r => r.Status == 200).ToList();
            Assert.True(winners.Count == 1, $"{winners.Count} of two redemptions of one token succeeded");
            decided++;
            // the loser was a replay and revoked the chain: the winner's new token is refused at either node
            OAuthAssert.Error(await RefreshAtAsync(tokensB, winners[0]["refresh_token"]!), 400, "invalid_grant");
        }

        Assert.Equal(Chains, decided);
    }

    [Fact]
    public async Task With_the_default_leeway_racing_chains_go_on_and_every_spent_token_is_refused_after_it()
    {
        await using var nodeB = await StartNodeAsync(leeway: null);
        using var tokensB = new TokenClient(nodeB.Url);
        var chains = await StartChainsAsync();
        var spent = new List<string>();

        for (var step = 0; step < Steps; step++)
        {
            var pairs = await Task.WhenAll(chains.Select(token => RaceAsync(token, Tokens, tokensB)));
            spent.AddRange(chains);
            chains = [];
            foreach (var pair in pairs)
            {
                // within the leeway, the second redemption is an allowed reuse: both racers are served
                Assert.All(pair, r => Assert.True(r.Status == 200, $"status {r.Status}: {r.Json} {StoreFailures()}"));
                chains.Add(pair[0]["refresh_token"]!);
            }
        }

        Clock.Advance(TimeSpan.FromSeconds(31)); // past the 30 s leeway, at both nodes (they share the clock)
        var replays = await Task.WhenAll(spent.Take(Chains).Select((token, i) => RefreshAtAsync(i % 2 == 0 ? Tokens : tokensB, token)));
        Assert.All(replays, r => OAuthAssert.Error(r, 400, "invalid_grant"));
    }

    private string StoreFailures() =>
        string.Join("; ", Logs.AllText.Split('\n').Where(l => l.Contains("could not be reached", StringComparison.Ordinal)).Distinct().Take(3));

    // A null leeway keeps the default: a null setting would bind as zero.
    private Task<AuthServerInstance> StartNodeAsync(string? leeway) => StartSecondNodeAsync(
        leeway is null ? null : new Dictionary<string, string?> { ["Auth:RefreshTokenReuseLeeway"] = leeway });

    private async Task<List<string>> StartChainsAsync()
    {
        var subject = await LogInAsync(Bubble.Url);
        var chains = new List<string>();
        for (var i = 0; i < Chains; i++)
        {
            chains.Add((await ExchangeAsync(subject))["refresh_token"]!);
        }

        return chains;
    }

    private static async Task<TokenResponse[]> RaceAsync(string token, TokenClient nodeA, TokenClient nodeB)
    {
        using var start = new SemaphoreSlim(0, 2);
        var atA = Task.Run(async () => { await start.WaitAsync(); return await RefreshAtAsync(nodeA, token); });
        var atB = Task.Run(async () => { await start.WaitAsync(); return await RefreshAtAsync(nodeB, token); });
        start.Release(2);
        return await Task.WhenAll(atA, atB);
    }
}
