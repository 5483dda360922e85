using AuthServer.Tests.Infrastructure;

namespace AuthServer.Tests.Storage;

/// <summary>
/// A node killed with <c>kill -9</c> while it issues tokens loses nothing: every refresh token it had
/// returned works at the node that stays up. (The store commits before a token is answered.)
/// </summary>
public sealed class CrashRecoveryTests : ExchangeTest
{
    private const int Clients = 8;

    protected override IDictionary<string, string?> ExtraSettings => new Dictionary<string, string?> { ["RateLimits:Enabled"] = "false" };

    [Fact]
    public async Task Kill_9_of_a_node_under_load_loses_no_refresh_token_it_returned()
    {
        // Node A is a process of its own, behind the same issuer as this test's node (B), on the same store.
        await using var nodeA = await AuthServerProcess.StartAsync(DatabaseFile,
            new Dictionary<string, string?>(Settings) { ["Auth:Issuer"] = Server.Url });
        using var tokensA = new TokenClient(nodeA.Url);
        var subject = await LogInAsync(Bubble.Url);
        var held = new string?[Clients];
        var refreshes = 0;
        using var stop = new CancellationTokenSource();

        var load = Enumerable.Range(0, Clients).Select(i => Task.Run(async () =>
        {
            try
            {
                var exchanged = await tokensA.PostAsync(ExchangeForm(subject), BubbleClient, BubbleSecret);
                held[i] = exchanged["refresh_token"];
                while (!stop.IsCancellationRequested)
                {
                    var refreshed = await RefreshAtAsync(tokensA, held[i]!);
                    Assert.Equal(200, refreshed.Status);
                    held[i] = refreshed["refresh_token"];
                    Interlocked.Increment(ref refreshes);
                }
            }
            catch (HttpRequestException)
            {
                // node A died under this request; the client keeps the last token it was given
            }
        })).ToList();

        // Killed in the middle of the load, once every client has been through a few rotations.
        for (var waited = 0; Volatile.Read(ref refreshes) < Clients * 3 && waited < 600 && !load.All(t => t.IsCompleted); waited++)
        {
            await Task.Delay(100);
        }

        nodeA.Kill();
        stop.Cancel();
        await Task.WhenAll(load);

        Assert.True(refreshes >= Clients, $"only {refreshes} refreshes ran before the kill");
        foreach (var token in held)
        {
            Assert.NotNull(token);
            var atB = await RefreshAsync(token!);
            Assert.True(atB.Status == 200, $"a refresh token node A returned before it died failed at node B: {atB.Json}");
        }
    }
}
