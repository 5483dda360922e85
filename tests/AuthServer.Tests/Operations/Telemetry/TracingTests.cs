using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;
using AuthServer.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry;
using OpenTelemetry.Trace;

namespace AuthServer.Tests.Operations.Telemetry;

/// <summary>With <c>Telemetry:Otlp:Endpoint</c> set, token requests are traced over OTLP, the Bubble call as a child span, and no span holds a token.</summary>
public sealed class TracingTests : ExchangeTest
{
    [Fact]
    public async Task Bubble_call_is_a_child_span_of_the_token_request_and_no_span_or_export_holds_a_token_or_secret()
    {
        await using var collector = await OtlpReceiver.StartAsync();
        var spans = new SpanRecorder();
        var settings = new Dictionary<string, string?>(Settings)
        {
            ["Telemetry:Otlp:Endpoint"] = collector.Url,
            ["Telemetry:Otlp:Protocol"] = "http/protobuf",
        };
        var node = await AuthServerInstance.StartAsync(Directory.File("traced.db"), Logs, settings,
            configure: builder => builder.Services.ConfigureOpenTelemetryTracerProvider(tracing => tracing.AddProcessor(spans)));
        try
        {
            var bubbleToken = await LogInAsync(Bubble.Url);
            var traceId = ActivityTraceId.CreateRandom();
            var response = await ExchangeInTraceAsync(node.Url, bubbleToken, traceId);
            Assert.Equal(200, response.Status);

            var trace = await spans.TraceAsync(traceId, IsTokenRequest);
            var tokenRequest = Assert.Single(trace, IsTokenRequest);
            var bubbleCall = Assert.Single(trace, s => s.Kind == ActivityKind.Client && $"{s.GetTagItem("url.full")}".Contains("/wf/whoami"));
            Assert.Equal(tokenRequest.SpanId, bubbleCall.ParentSpanId);

            await node.DisposeAsync(); // flushes both OTLP exporters
            Assert.Contains(collector.Exports, e => e.Path == "/v1/traces");
            Assert.Contains(collector.Exports, e => e.Path == "/v1/metrics");

            string[] secrets = [bubbleToken, BubbleSecret, response.AccessToken, response["refresh_token"]!];
            var attributes = string.Join("\n", trace.SelectMany(s => s.TagObjects.Select(t => $"{t.Key}={t.Value}")));
            Assert.Contains("/connect/token", attributes); // the scan did read the attributes
            var exported = string.Join("\n", collector.Exports.Select(e => Encoding.UTF8.GetString(e.Body)));
            foreach (var secret in secrets)
            {
                Assert.DoesNotContain(secret, attributes);
                Assert.DoesNotContain(secret, exported);
            }
        }
        finally
        {
            await node.DisposeAsync();
        }
    }

    private static bool IsTokenRequest(Activity span) => span.Kind == ActivityKind.Server && $"{span.GetTagItem("url.path")}" == "/connect/token";

    /// <summary>
    /// The exchange as a client in trace <paramref name="traceId"/> sends it, with the Bubble token in the query
    /// string too, where no client should put it. The client itself opens no span (no propagator), so every
    /// span of the trace is the server's.
    /// </summary>
    private static async Task<TokenResponse> ExchangeInTraceAsync(string url, string bubbleToken, ActivityTraceId traceId)
    {
        using var http = new HttpClient(new SocketsHttpHandler { ActivityHeadersPropagator = null }) { BaseAddress = new Uri(url) };
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/connect/token?probe={Uri.EscapeDataString(bubbleToken)}")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["grant_type"] = "urn:ietf:params:oauth:grant-type:token-exchange",
                ["subject_token"] = bubbleToken,
                ["subject_token_type"] = "urn:bubble:token-type:user",
                ["scope"] = "sample-api.read offline_access",
            }),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic",
            Convert.ToBase64String(Encoding.UTF8.GetBytes($"{BubbleClient}:{BubbleSecret}")));
        request.Headers.Add("traceparent", $"00-{traceId}-{ActivitySpanId.CreateRandom()}-01");
        return await TokenResponse.ReadAsync(await http.SendAsync(request));
    }

    /// <summary>Keeps every ended span; spans of all hosts in this process pass here, so a test picks its trace by id.</summary>
    private sealed class SpanRecorder : BaseProcessor<Activity>
    {
        private readonly ConcurrentQueue<Activity> _ended = new();

        public override void OnEnd(Activity data) => _ended.Enqueue(data);

        /// <summary>The trace's spans once <paramref name="last"/> has ended (a server span ends after its response is sent).</summary>
        public async Task<List<Activity>> TraceAsync(ActivityTraceId traceId, Func<Activity, bool> last)
        {
            for (var i = 0; i < 200 && !_ended.Any(s => s.TraceId == traceId && last(s)); i++)
            {
                await Task.Delay(50);
            }

            return _ended.Where(s => s.TraceId == traceId).ToList();
        }
    }
}
