using System.Net.Sockets;
using System.Text;
using AuthServer.Tests.Infrastructure;
using Serilog.Events;

namespace AuthServer.Tests.Operations.Logging;

/// <summary>
/// A client that drops its connection mid-request is not a server error: it is logged once, at
/// Information, as aborted, with no Error line, no 500 and no stack trace, and no metric counts it as a 5xx.
/// </summary>
public sealed class AbortedRequestTests : ExchangeTest
{
    private const int AbortedEvent = 2051;
    private const int MalformedRequestEvent = 2003;

    // Generous: the abort must land in the Bubble call even on a busy machine, not in the request's first steps.
    protected override IDictionary<string, string?> ExtraSettings => new Dictionary<string, string?> { ["Bubble:Timeout"] = "00:00:15" };

    [Fact]
    public async Task A_token_request_aborted_by_the_client_is_logged_once_as_aborted_and_never_as_a_500()
    {
        Assert.Equal(200, (await ExchangeAsync(await LogInAsync(Bubble.Url))).Status); // warm: the abort lands in the Bubble call
        var subjectToken = await LogInAsync(Bubble.Url); // a new token: no cached Bubble answer
        Bubble.Simulator.Faults.Delay = TimeSpan.FromSeconds(8);

        using (var abort = new CancellationTokenSource(TimeSpan.FromSeconds(3)))
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/connect/token") { Content = new FormUrlEncodedContent(ExchangeForm(subjectToken)) };
            request.Headers.Authorization = new("Basic", Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes($"{BubbleClient}:{BubbleSecret}")));
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Tokens.Http.SendAsync(request, abort.Token));
        }

        await WaitUntilAsync(() => Logs.HasEvent(AbortedEvent) || CompletionLines().Any());
        await Task.Delay(500); // anything the server logs after the first line

        Assert.DoesNotContain(Logs.Events, e => e.Level >= LogEventLevel.Error);
        Assert.DoesNotContain(CompletionLines(), e => e.Properties["StatusCode"].ToString() == "500");
        Assert.True(!Logs.AllText.Contains("TaskCanceledException", StringComparison.Ordinal), Logs.AllText);
        Assert.True(Logs.Events.Count(IsEvent(AbortedEvent)) == 1, Logs.AllText);
        Assert.Equal(LogEventLevel.Information, Logs.Events.Single(IsEvent(AbortedEvent)).Level);

        var scrape = await PrometheusScrape.ReadAsync(Tokens.Http, "/metrics");
        Assert.DoesNotContain(scrape.Samples, s => s.Name.StartsWith("http_server_request_duration", StringComparison.Ordinal)
            && s.Labels.TryGetValue("http_response_status_code", out var status) && status.StartsWith('5'));
        Assert.Equal(0, scrape.Sum("authserver_token_errors_total"));

        Bubble.Simulator.Faults.Delay = TimeSpan.Zero;
        Assert.Equal(200, (await ExchangeAsync(await LogInAsync(Bubble.Url))).Status);
    }

    [Fact]
    public async Task A_client_that_closes_the_connection_mid_body_is_logged_once_as_aborted_not_as_a_malformed_request()
    {
        using (var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp))
        {
            var uri = new Uri(Server.Url);
            await socket.ConnectAsync(uri.Host, uri.Port);
            await using var stream = new NetworkStream(socket);
            var auth = Convert.ToBase64String(Encoding.UTF8.GetBytes($"{TestClients.Script}:{TestClients.ScriptSecret}"));
            await stream.WriteAsync(Encoding.ASCII.GetBytes(
                $"POST /connect/token HTTP/1.1\r\nHost: {uri.Authority}\r\nAuthorization: Basic {auth}\r\n"
                + "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 1000\r\n\r\ngrant_type=client"));
            await Task.Delay(500); // the server is reading the form
        }

        await WaitUntilAsync(() => Logs.HasEvent(AbortedEvent) || Logs.HasEvent(MalformedRequestEvent) || Logs.Events.Any(e => e.Level >= LogEventLevel.Error));
        await Task.Delay(500);

        Assert.DoesNotContain(Logs.Events, e => e.Level >= LogEventLevel.Error);
        Assert.True(!Logs.HasEvent(MalformedRequestEvent), Logs.AllText);
        Assert.True(Logs.Events.Count(IsEvent(AbortedEvent)) == 1, Logs.AllText);
        Assert.Equal(200, (await Tokens.ClientCredentialsAsync()).Status);
    }

    private IEnumerable<LogEvent> CompletionLines() =>
        Logs.Events.Where(e => e.Properties.ContainsKey("StatusCode") && e.Properties.TryGetValue("RequestPath", out var path)
            && path.ToString() == "\"/connect/token\"" && e.Properties["StatusCode"].ToString() != "200");

    private static Func<LogEvent, bool> IsEvent(int id) => e =>
        e.Properties.TryGetValue("EventId", out var value) && value is StructureValue s
        && s.Properties.Any(p => p.Name == "Id" && p.Value.ToString() == id.ToString(System.Globalization.CultureInfo.InvariantCulture));

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        for (var waited = 0; waited < 10_000 && !condition(); waited += 50)
        {
            await Task.Delay(50);
        }
    }
}
