using System.Text;
using AuthServer.Tests.Infrastructure;

namespace AuthServer.Tests.Operations.Logging;

/// <summary>After a full run of every flow, neither the logs nor the store hold a token in plain text.</summary>
public sealed class NoLeakTests : ExchangeTest
{
    [Fact]
    public async Task Logs_and_store_hold_no_bubble_access_or_refresh_token()
    {
        var secrets = new List<string> { BubbleSecret, TestClients.ScriptSecret };

        var bubbleToken = await LogInAsync(Bubble.Url);
        secrets.Add(bubbleToken);
        var exchanged = await ExchangeAsync(bubbleToken);
        var refreshed = await RefreshAsync(exchanged["refresh_token"]!);
        secrets.AddRange([exchanged.AccessToken, exchanged["refresh_token"]!, refreshed.AccessToken, refreshed["refresh_token"]!]);
        await CallApiAsync("/me", refreshed.AccessToken);

        // Bubble's 401 echoes the token; an outage and a misconfiguration log their own events.
        var rejected = "bus|1234567890123x999999999999999999|1234567890123x888888888888888888";
        secrets.Add(rejected);
        Assert.Equal("invalid_request", (await ExchangeAsync(rejected))["error"]);
        var secondToken = await LogInAsync(Bubble.Url);
        secrets.Add(secondToken);
        Bubble.Simulator.Faults.FailNext(2, 503);
        Assert.Equal(503, (await ExchangeAsync(secondToken)).Status);
        Clock.Advance(TimeSpan.FromMinutes(2));
        Assert.Equal("invalid_grant", (await RefreshAsync(exchanged["refresh_token"]!))["error"]);
        var client = await Tokens.ClientCredentialsAsync();
        secrets.Add(client.AccessToken);

        await Server.DisposeAsync();
        var store = await TestStore.DumpAsync(DatabaseFile);
        var logs = Logs.AllText;

        Assert.Contains(BubbleClient, store); // the scan did read the store
        Assert.True(Logs.HasEvent(3001) && Logs.HasEvent(3002) && Logs.HasEvent(2002), "the run did not log what it should");
        foreach (var secret in secrets)
        {
            foreach (var part in Fragments(secret))
            {
                Assert.DoesNotContain(part, logs);
                Assert.DoesNotContain(part, store);
            }
        }
    }

    // A JWT can leak by its payload or signature alone; a Bubble token by its unique middle part.
    internal static IEnumerable<string> Fragments(string secret) =>
        secret.Split('.', '|').Where(p => p.Length >= 20).Append(secret);
}
