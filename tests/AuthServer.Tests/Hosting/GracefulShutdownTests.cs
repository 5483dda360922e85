using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using AuthServer.Tests.Infrastructure;

namespace AuthServer.Tests.Hosting;

/// <summary>
/// SIGTERM to a real process in the middle of a burst of token exchanges: the listener closes, every
/// request already taken is answered in full, and the process exits 0 with its logs written.
/// </summary>
public sealed class GracefulShutdownTests : ExchangeTest
{
    private const int Workers = 8;

    private int _signalled;
    private int _answered;
    private int _inFlightAtSignalAnswered;

    [Fact]
    public async Task Sigterm_during_a_burst_answers_every_accepted_request_in_full_and_exits_0()
    {
        await using var node = await AuthServerProcess.StartAsync(Directory.File("node.db"), new Dictionary<string, string?>(Settings)
        {
            ["RateLimits:Enabled"] = "false",
            ["Bubble:CacheLifetime"] = "00:00:00",
            // Slow, not failing: on a busy machine the test's short Bubble timeout would trip the breaker.
            ["Bubble:Timeout"] = "00:00:10",
            ["Bubble:BreakerMinimumThroughput"] = "1000",
        });
        var subject = await LogInAsync(Bubble.Url);
        // Each exchange waits on Bubble, so requests are being worked on when the signal comes.
        Bubble.Simulator.Faults.Delay = TimeSpan.FromMilliseconds(300);
        using var http = new HttpClient { BaseAddress = new Uri(node.Url) };

        var burst = Enumerable.Range(0, Workers).Select(_ => Task.Run(() => RequestUntilRefusedAsync(http, subject))).ToList();
        for (var wait = 0; Volatile.Read(ref _answered) < Workers * 2 && !burst.Any(t => t.IsCompleted); wait++)
        {
            Assert.True(wait < 600, "the burst did not get going within 60 s");
            await Task.Delay(100);
        }

        Volatile.Write(ref _signalled, 1);
        var exitCode = await node.TerminateAsync();
        await Task.WhenAll(burst).WaitAsync(TimeSpan.FromMinutes(1));

        Assert.Equal(0, exitCode);
        Assert.True(_inFlightAtSignalAnswered > 0, "no request was in flight when the signal came");
        // Every token request the server answered reached its client whole (and its log line was flushed).
        Assert.Equal(_answered, node.Output.Count(line => line.Contains("POST /connect/token responded 200", StringComparison.Ordinal)));
    }

    private async Task RequestUntilRefusedAsync(HttpClient http, string subject)
    {
        while (true)
        {
            var sentBeforeSignal = Volatile.Read(ref _signalled) == 0;
            using var request = new HttpRequestMessage(HttpMethod.Post, "/connect/token") { Content = new FormUrlEncodedContent(ExchangeForm(subject)) };
            // A fresh connection for each request: after the signal, a refused connect is unambiguous.
            request.Headers.ConnectionClose = true;
            request.Headers.Authorization = new AuthenticationHeaderValue("Basic",
                Convert.ToBase64String(Encoding.UTF8.GetBytes($"{BubbleClient}:{BubbleSecret}")));

            HttpResponseMessage response;
            try
            {
                response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
            }
            catch (HttpRequestException ex) when (NotAccepted(ex, sentBeforeSignal))
            {
                return;
            }

            using (response)
            {
                // A body cut short throws here and fails the test.
                var body = await response.Content.ReadAsStringAsync();
                Assert.True(response.StatusCode == HttpStatusCode.OK, body);
                Assert.False(string.IsNullOrEmpty(JsonDocument.Parse(body).RootElement.GetProperty("access_token").GetString()));
            }

            Interlocked.Increment(ref _answered);
            if (sentBeforeSignal && Volatile.Read(ref _signalled) == 1) Interlocked.Increment(ref _inFlightAtSignalAnswered);
        }
    }

    /// <summary>
    /// Refused: the listener is closed. A request sent after the signal may also meet the closing
    /// listener or a connection the server had not begun to read, and get no answer at all (never a partial one).
    /// So may one whose flag was read just before the signal but whose connection the server had not read yet
    /// (a busy machine widens that window): no status line at all. A request the server did answer is counted by
    /// its log line, and the test's last assertion requires every one of those to have reached its client whole.
    /// </summary>
    private static bool NotAccepted(HttpRequestException exception, bool sentBeforeSignal) =>
        exception.InnerException is System.Net.Sockets.SocketException { SocketErrorCode: System.Net.Sockets.SocketError.ConnectionRefused }
        || exception.InnerException is HttpIOException { HttpRequestError: HttpRequestError.ResponseEnded }
        || !sentBeforeSignal;

    private static Dictionary<string, string> ExchangeForm(string subject) => new()
    {
        ["grant_type"] = "urn:ietf:params:oauth:grant-type:token-exchange",
        ["subject_token"] = subject,
        ["subject_token_type"] = "urn:bubble:token-type:user",
        ["scope"] = "sample-api.read offline_access",
    };
}
