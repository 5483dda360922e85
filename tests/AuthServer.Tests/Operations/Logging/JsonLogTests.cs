using System.Text.Json;
using AuthServer.Tests.Infrastructure;

namespace AuthServer.Tests.Operations.Logging;

/// <summary>
/// <c>Logging:Format=json</c>, on the real executable from start to SIGTERM: every line is a compact
/// JSON event, the project's event ids are there, and no token or secret is.
/// </summary>
public sealed class JsonLogTests : ExchangeTest
{
    [Fact]
    public async Task Json_format_writes_every_line_as_a_json_event_with_its_event_id_and_no_secret()
    {
        await using var node = await AuthServerProcess.StartAsync(Directory.File("json.db"),
            new Dictionary<string, string?>(Settings) { ["Logging:Format"] = "json" });
        using var tokens = new TokenClient(node.Url);
        const string wrongSecret = "not-the-secret-0123456789abcdef";
        const string rejected = "bus|1234567890123x999999999999999999|1234567890123x777777777777777777";

        var client = await tokens.ClientCredentialsAsync();
        var bubbleToken = await LogInAsync(Bubble.Url);
        var exchanged = await tokens.PostAsync(ExchangeForm(bubbleToken), BubbleClient, BubbleSecret);
        var refreshed = await RefreshAtAsync(tokens, exchanged["refresh_token"]!);
        var refusedByBubble = await tokens.PostAsync(ExchangeForm(rejected), BubbleClient, BubbleSecret);
        var badSecret = await tokens.ClientCredentialsAsync(secret: wrongSecret);
        Assert.Equal([200, 200, 200, 400, 401], new[] { client, exchanged, refreshed, refusedByBubble, badSecret }.Select(r => r.Status));

        Assert.Equal(0, await node.TerminateAsync());

        var events = node.Output.Select(Parse).ToList();
        // A framework event may carry a named EventId without a number (under load, say); only numbered ones are ours.
        var ids = events.Where(e => e.TryGetProperty("EventId", out var id) && id.TryGetProperty("Id", out _))
            .Select(e => e.GetProperty("EventId").GetProperty("Id").GetInt32()).ToList();
        Assert.All(events, e => Assert.True(e.TryGetProperty("@t", out _) && e.TryGetProperty("@m", out _), e.GetRawText()));
        Assert.Subset(ids.ToHashSet(), new HashSet<int> { 1001, 4001, 2001, 3001 });
        Assert.Equal(3, ids.Count(id => id == 2001));
        // The request lines of the last requests are there: the buffer was flushed at SIGTERM.
        Assert.Equal(5, events.Count(e => e.TryGetProperty("Elapsed", out _)
            && e.TryGetProperty("RequestPath", out var path) && path.GetString() == "/connect/token"));

        var output = string.Join("\n", node.Output);
        string[] secrets = [BubbleSecret, TestClients.ScriptSecret, wrongSecret, rejected, bubbleToken, client.AccessToken,
            exchanged.AccessToken, exchanged["refresh_token"]!, refreshed.AccessToken, refreshed["refresh_token"]!];
        foreach (var part in secrets.SelectMany(NoLeakTests.Fragments))
        {
            Assert.DoesNotContain(part, output);
        }
    }

    private static JsonElement Parse(string line)
    {
        try
        {
            var json = JsonDocument.Parse(line).RootElement;
            Assert.Equal(JsonValueKind.Object, json.ValueKind);
            return json.Clone();
        }
        catch (JsonException ex)
        {
            throw new Xunit.Sdk.XunitException($"Not a JSON line: {line} ({ex.Message})");
        }
    }
}
