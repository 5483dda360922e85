using AuthServer.Keys;
using AuthServer.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace AuthServer.Tests.Operations.Telemetry;

/// <summary>
/// <c>GET /metrics</c> (Prometheus text) after scripted traffic holds exactly that traffic's counts, on the
/// public port by default or on <c>Telemetry:Prometheus:Port</c> only, and never a token or a secret.
/// </summary>
public sealed class MetricsTests : ExchangeTest
{
    private const string Issued = "authserver_tokens_issued_total";
    private const string Errors = "authserver_token_errors_total";
    private const string BubbleCalls = "authserver_bubble_call_duration_seconds_count";

    protected override IDictionary<string, string?> ExtraSettings => new Dictionary<string, string?> { ["Bubble:Retries"] = "1" };

    [Fact]
    public async Task Scrape_after_two_issued_one_invalid_client_one_bubble_outage_and_one_replay_holds_exactly_those_counts()
    {
        await RunScriptAsync();

        var scrape = await ScrapeAsync();

        Assert.Equal(1, scrape.Value(Issued, ("grant_type", "token_exchange"), ("client_id", BubbleClient)));
        Assert.Equal(1, scrape.Value(Issued, ("grant_type", "refresh_token"), ("client_id", BubbleClient)));
        Assert.Equal(2, scrape.Sum(Issued));
        Assert.Equal(1, scrape.Value(Errors, ("error", "invalid_client"), ("client_id", BubbleClient)));
        Assert.Equal(1, scrape.Value(Errors, ("error", "temporarily_unavailable"), ("client_id", BubbleClient)));
        Assert.Equal(1, scrape.Value(Errors, ("error", "invalid_grant"), ("client_id", BubbleClient))); // the replay
        Assert.Equal(3, scrape.Sum(Errors));
        Assert.Equal(1, scrape.Value(BubbleCalls, ("outcome", "user")));
        Assert.Equal(1, scrape.Value(BubbleCalls, ("outcome", "unavailable"))); // one call, its retry included
        Assert.Equal(2, scrape.Sum(BubbleCalls));
        Assert.Equal(0, scrape.Sum("authserver_bubble_cache_hits_total"));
        Assert.Equal(1, scrape.Value("authserver_refresh_replays_total", ("client_id", BubbleClient)));
        Assert.Equal(1, scrape.Sum("authserver_refresh_replays_total"));
        Assert.Equal(0, scrape.Sum("authserver_rate_limit_rejections_total"));
    }

    [Fact]
    public async Task Scrape_holds_no_token_or_secret()
    {
        var secrets = await RunScriptAsync();

        var scrape = await ScrapeAsync();

        Assert.Contains("authserver_tokens_issued_total", scrape.Text); // the scan did read our metrics
        foreach (var secret in secrets)
        {
            Assert.DoesNotContain(secret, scrape.Text);
        }
    }

    [Fact]
    public async Task Scrape_after_calls_to_bubble_names_no_host_port_or_address_of_the_bubble_app()
    {
        var token = await LogInAsync(Bubble.Url);
        Assert.Equal(200, (await ExchangeAsync(token)).Status);

        var scrape = await ScrapeAsync();

        var outbound = scrape.Samples.Where(s => s.Name.StartsWith("http_client_", StringComparison.Ordinal)
            || s.Name.StartsWith("dns_", StringComparison.Ordinal)).ToList();
        Assert.Contains(outbound, s => s.Name == "http_client_request_duration_seconds_count"); // the instrument is still there
        var leaked = new[] { "server_address", "server_port", "network_peer_address", "url_scheme", "dns_question_name" };
        Assert.All(outbound, s => Assert.Empty(s.Labels.Keys.Intersect(leaked)));
        // Kestrel's own series name AuthServer's listening address (here loopback too), never the Bubble app's port.
        Assert.DoesNotContain($"\"{new Uri(Bubble.Url).Port}\"", scrape.Text);
    }

    [Fact]
    public async Task A_subject_token_answered_from_the_cache_counts_a_hit_and_no_bubble_call()
    {
        var token = await LogInAsync(Bubble.Url);
        Assert.Equal(200, (await ExchangeAsync(token)).Status);
        Assert.Equal(200, (await ExchangeAsync(token)).Status);

        var scrape = await ScrapeAsync();

        Assert.Equal(1, scrape.Sum("authserver_bubble_cache_hits_total"));
        Assert.Equal(1, scrape.Sum(BubbleCalls));
        Assert.Equal(2, scrape.Value(Issued, ("grant_type", "token_exchange"), ("client_id", BubbleClient)));
    }

    [Fact]
    public async Task An_error_for_a_client_id_no_client_has_is_counted_as_unknown_not_by_its_id()
    {
        Assert.Equal(401, (await Tokens.ClientCredentialsAsync("made-up-client-4711", "whatever")).Status);

        var scrape = await ScrapeAsync();

        Assert.Equal(1, scrape.Value(Errors, ("error", "invalid_client"), ("client_id", "unknown")));
        Assert.DoesNotContain("made-up-client-4711", scrape.Text);
    }

    [Fact]
    public async Task Rotation_and_revocation_are_counted_and_the_active_key_age_follows_the_key_ring()
    {
        Clock.Advance(TimeSpan.FromHours(1));
        Assert.InRange((await ScrapeAsync()).Value("authserver_keys_active_age_seconds"), 3600, 3700);

        await using (var scope = Server.Services.CreateAsyncScope())
        {
            var keys = scope.ServiceProvider.GetRequiredService<KeyManager>();
            var rotated = await keys.RotateAsync(activateNow: true, "test");
            Assert.True(await keys.RevokeAsync(rotated.Id, "test")); // the active key: a successor takes over
        }

        await Tokens.Http.GetAsync("/.well-known/jwks"); // a request reloads the key ring
        var scrape = await ScrapeAsync();

        Assert.Equal(2, scrape.Sum("authserver_keys_rotations_total"));
        Assert.Equal(1, scrape.Sum("authserver_keys_revocations_total"));
        Assert.InRange(scrape.Value("authserver_keys_active_age_seconds"), 0, 60);
    }

    [Fact]
    public async Task Requests_refused_by_the_rate_limit_and_by_the_lockout_are_counted_by_reason()
    {
        var settings = new Dictionary<string, string?>(Settings)
        {
            ["RateLimits:RequestsPerMinute"] = "2",
            ["RateLimits:FailedAuthenticationsBeforeLockout"] = "1",
        };
        await using var limited = await AuthServerInstance.StartAsync(Directory.File("limited.db"), Logs, settings);
        using var tokens = new TokenClient(limited.Url);
        Assert.Equal(401, (await tokens.ClientCredentialsAsync(secret: "wrong")).Status);
        Assert.Equal(429, (await tokens.ClientCredentialsAsync()).Status); // locked out
        Assert.Equal(401, (await ExchangeWithAsync(tokens, "wrong")).Status);
        Assert.Equal(429, (await ExchangeWithAsync(tokens, "wrong")).Status); // locked out as well
        Assert.Equal(429, (await tokens.ClientCredentialsAsync()).Status);
        for (var i = 0; i < 2; i++)
        {
            Assert.Equal(400, (await ExchangeWithAsync(tokens, BubbleSecret + 3, OtherAppClient)).Status); // authenticated: no lockout
        }
        Assert.Equal(429, (await ExchangeWithAsync(tokens, BubbleSecret + 3, OtherAppClient)).Status); // over 2 a minute

        var scrape = await PrometheusScrape.ReadAsync(tokens.Http, "/metrics");

        Assert.Equal(3, scrape.Value("authserver_rate_limit_rejections_total", ("reason", "lockout")));
        Assert.Equal(1, scrape.Value("authserver_rate_limit_rejections_total", ("reason", "rate")));
    }

    [Fact]
    public async Task With_a_metrics_port_metrics_answer_there_only_and_nothing_else_does()
    {
        var port = Ports.Free();
        var settings = new Dictionary<string, string?>(Settings) { ["Telemetry:Prometheus:Port"] = port.ToString() };
        await using var node = await AuthServerInstance.StartAsync(Directory.File("ported.db"), Logs, settings);
        using var http = new HttpClient();
        var metricsUrl = $"http://127.0.0.1:{port}";

        var scrape = await PrometheusScrape.ReadAsync(http, $"{metricsUrl}/metrics");
        Assert.True(scrape.Value("authserver_keys_active_age_seconds") >= 0);
        Assert.Contains("authserver_keys_active_age_seconds", scrape.Text);

        Assert.Equal(404, (int)(await http.GetAsync($"{node.Url}/metrics")).StatusCode);
        Assert.Equal(404, (int)(await http.GetAsync($"{metricsUrl}/health/ready")).StatusCode);
        Assert.Equal(404, (int)(await http.PostAsync($"{metricsUrl}/connect/token", new FormUrlEncodedContent([]))).StatusCode);
        using var spoofed = new HttpRequestMessage(HttpMethod.Get, $"{node.Url}/metrics");
        spoofed.Headers.Host = $"127.0.0.1:{port}"; // the port is the connection's, not the Host header's
        Assert.Equal(404, (int)(await http.SendAsync(spoofed)).StatusCode);
        Assert.Equal(200, (int)(await http.GetAsync($"{node.Url}/health/ready")).StatusCode);
    }

    /// <summary>2 tokens issued, 1 invalid_client, 1 Bubble outage, 1 refresh replay; returns every token and secret involved.</summary>
    private async Task<List<string>> RunScriptAsync()
    {
        var bubbleToken = await LogInAsync(Bubble.Url);
        var exchanged = await ExchangeAsync(bubbleToken);
        var refreshed = await RefreshAsync(exchanged["refresh_token"]!);
        Assert.Equal(200, refreshed.Status);

        Assert.Equal(401, (await ExchangeAsync(bubbleToken, secret: "not-the-secret")).Status);

        var secondToken = await LogInAsync(Bubble.Url);
        Bubble.Simulator.Faults.FailNext(2, 503); // the call and its one retry
        Assert.Equal(503, (await ExchangeAsync(secondToken)).Status);

        Clock.Advance(TimeSpan.FromSeconds(45)); // past the reuse leeway
        Assert.Equal("invalid_grant", (await RefreshAsync(exchanged["refresh_token"]!))["error"]);

        return [bubbleToken, secondToken, BubbleSecret, TestClients.ScriptSecret, exchanged.AccessToken, exchanged["refresh_token"]!,
            refreshed.AccessToken, refreshed["refresh_token"]!];
    }

    private static Task<TokenResponse> ExchangeWithAsync(TokenClient tokens, string secret, string clientId = BubbleClient) =>
        tokens.PostAsync(new Dictionary<string, string>
        {
            ["grant_type"] = "urn:ietf:params:oauth:grant-type:token-exchange",
            ["subject_token"] = "bus|1234567890123x123456789012345678|1234567890123x123456789012345678",
            ["subject_token_type"] = "urn:bubble:token-type:user",
        }, clientId, secret);

    private Task<PrometheusScrape> ScrapeAsync() => PrometheusScrape.ReadAsync(Tokens.Http, "/metrics");
}
