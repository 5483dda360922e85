using System.Text.Json;
using AuthServer.Benchmarks.Baseline;
using AuthServer.Benchmarks.Processes;

namespace AuthServer.Benchmarks.Scenarios;

/// <summary>The rows of the table (issue 12), each with its in-run baseline and target ratio.</summary>
public static class ScenarioCatalog
{
    /// <summary>The rows measured on the AuthServer without its engine; <c>--scenario "engine switched off"</c> runs only them.</summary>
    public const string EngineOff = "engine switched off";

    /// <summary>The refresh row with Bubble's whoami asked at every refresh (issue 21).</summary>
    public const string SessionCheck = "refresh with Bubble session check";

    /// <summary>The row of issue 22; <c>--scenario private_key_jwt</c> runs only it.</summary>
    public const string PrivateKeyJwt = "client_credentials with private_key_jwt";

    /// <param name="assertionsPerSide">How many client assertions to sign before each AuthServer side of the private_key_jwt row.</param>
    public static async Task<IReadOnlyList<Scenario>> CreateAsync(BenchmarkSystem system, int assertionsPerSide, CancellationToken cancel)
    {
        var auth = system.AuthServer.Url;
        var baseline = system.Baseline.Url;
        // One Bubble login for the cached rows: every exchange presents the same Bubble token.
        var sharedBubbleToken = await BubbleLogin.NewUserTokenAsync(system.Simulator.Url, cancel);
        var apiToken = await AccessTokenAsync(auth, cancel);

        return
        [
            new("client_credentials", 0.75, "(a) bare form + RS256 JWT",
                new(auth, FixedRequestSession.Factory(() => TokenRequests.ClientCredentials(TokenRequests.TokenPath))),
                new(baseline, FixedRequestSession.Factory(() => TokenRequests.ClientCredentials(BaselinePaths.Sign))), OnPostgres: true),

            // The same request to stock OpenIddict with nothing added (no store, logging or middleware): what the
            // protocol engine alone leaves of the baseline's rate, the ceiling for the row above.
            new("client_credentials, stock OpenIddict (reference)", null, "(a) bare form + RS256 JWT",
                new(system.OpenIddictFloor.Url, FixedRequestSession.Factory(() => TokenRequests.ClientCredentials(TokenRequests.TokenPath))),
                new(baseline, FixedRequestSession.Factory(() => TokenRequests.ClientCredentials(BaselinePaths.Sign)))),

            // Each request authenticates with a fresh RFC 7523 assertion (unique jti), signed before the side is measured;
            // its aud is AuthServer's issuer, which is its URL here.
            new(PrivateKeyJwt, 0.60, "(f) (a) + one RS256 assertion verified",
                new(auth, AssertionSessions(() => ClientAssertions.ForAuthServer(auth, assertionsPerSide), TokenRequests.TokenPath)),
                new(baseline, AssertionSessions(() => ClientAssertions.ForBaseline(auth), BaselinePaths.SignAfterAssertion))),

            new("exchange, Bubble answer cached", 0.60, "(a) bare form + RS256 JWT",
                new(auth, FixedRequestSession.Factory(() => TokenRequests.Exchange(TokenRequests.TokenPath, sharedBubbleToken))),
                new(baseline, FixedRequestSession.Factory(() => TokenRequests.Exchange(BaselinePaths.Sign, sharedBubbleToken))), OnPostgres: true),

            // The two rows above on the AuthServer started with Engine:Enabled=false, against the same baselines in
            // the same run: what the replaced OpenIddict internals of src/AuthServer/Engine are worth.
            new($"client_credentials, {EngineOff}", null, "(a) bare form + RS256 JWT",
                new(system.AuthServerWithoutEngine.Url, FixedRequestSession.Factory(() => TokenRequests.ClientCredentials(TokenRequests.TokenPath))),
                new(baseline, FixedRequestSession.Factory(() => TokenRequests.ClientCredentials(BaselinePaths.Sign)))),

            new($"exchange, Bubble answer cached, {EngineOff}", null, "(a) bare form + RS256 JWT",
                new(system.AuthServerWithoutEngine.Url, FixedRequestSession.Factory(() => TokenRequests.Exchange(TokenRequests.TokenPath, sharedBubbleToken))),
                new(baseline, FixedRequestSession.Factory(() => TokenRequests.Exchange(BaselinePaths.Sign, sharedBubbleToken)))),

            // Bubble:CacheLifetime=0 on the second AuthServer: every exchange asks the simulator. Each
            // connection logs in once, as one Bubble user session would, and presents its own token.
            new("exchange, Bubble cache off", 0.50, "(b) (a) + loopback whoami",
                new(system.AuthServerWithoutBubbleCache.Url, PerConnectionBubbleToken(system, TokenRequests.TokenPath)),
                new(baseline, PerConnectionBubbleToken(system, BaselinePaths.SignAfterWhoami))),

            new("refresh_token chains", 0.40, "(c) bare EF Core txn on SQLite",
                new(auth, RefreshChainSession.Factory(TokenRequests.TokenPath, (http, c) => StartRefreshChainAsync(http, system, c))),
                new(baseline, RefreshChainSession.Factory(BaselinePaths.Rotate, StartBaselineChainAsync)), OnPostgres: true),

            // Bubble:SessionCheckInterval=0 on the fourth AuthServer: every refresh asks whoami again with the Bubble
            // token the chain keeps. Each chain has a Bubble login of its own, on both sides.
            new(SessionCheck, 0.40, "(e) (c) + loopback whoami",
                new(system.AuthServerWithSessionCheck.Url, RefreshChainSession.Factory(TokenRequests.TokenPath, (http, c) => StartRefreshChainAsync(http, system, c))),
                new(baseline, RefreshChainSession.WithBubbleToken(BaselinePaths.RotateAfterWhoami, system.Simulator.Url, StartBaselineChainAsync))),

            new("JWKS + discovery", 0.90, "(d) cached JSON documents",
                new(auth, AlternatingGetSession.Factory("/.well-known/jwks", "/.well-known/openid-configuration")),
                new(baseline, AlternatingGetSession.Factory(BaselinePaths.Jwks, BaselinePaths.Discovery))),

            new("SampleApi /me", 0.50, "SampleApi /anonymous",
                new(system.SampleApi.Url, FixedRequestSession.Factory(() => new HttpRequestMessage(HttpMethod.Get, "/me")
                {
                    Headers = { Authorization = new("Bearer", apiToken) },
                })),
                new(system.SampleApi.Url, FixedRequestSession.Factory(() => new HttpRequestMessage(HttpMethod.Get, "/anonymous")))),
        ];
    }

    /// <summary>One pool of assertions per side, made when its first worker's session is, before the clock starts.</summary>
    private static Load.SessionFactory AssertionSessions(Func<ClientAssertions> newPool, string path)
    {
        ClientAssertions? pool = null;
        return (_, index, _) =>
        {
            if (index == 0)
            {
                pool = newPool();
            }

            var shared = pool!;
            return Task.FromResult<Load.IWorkerSession>(new FixedRequestSession(() => TokenRequests.ClientCredentialsWithAssertion(path, shared.Next())));
        };
    }

    private static Load.SessionFactory PerConnectionBubbleToken(BenchmarkSystem system, string path) =>
        async (_, _, cancel) =>
        {
            var bubbleToken = await BubbleLogin.NewUserTokenAsync(system.Simulator.Url, cancel);
            return new FixedRequestSession(() => TokenRequests.Exchange(path, bubbleToken));
        };

    /// <summary>A chain starts with an exchange asking for offline_access, on a Bubble session of its own.</summary>
    private static async Task<string> StartRefreshChainAsync(HttpClient http, BenchmarkSystem system, CancellationToken cancel)
    {
        var bubbleToken = await BubbleLogin.NewUserTokenAsync(system.Simulator.Url, cancel);
        using var request = TokenRequests.Exchange(TokenRequests.TokenPath, bubbleToken, $"{BenchClients.Scope} offline_access");
        return await ReadStringAsync(http, request, "refresh_token", cancel);
    }

    private static async Task<string> StartBaselineChainAsync(HttpClient http, CancellationToken cancel)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, BaselinePaths.RotateStart);
        return await ReadStringAsync(http, request, "refresh_token", cancel);
    }

    private static async Task<string> AccessTokenAsync(string authServerUrl, CancellationToken cancel)
    {
        using var http = new HttpClient { BaseAddress = new Uri(authServerUrl) };
        using var request = TokenRequests.ClientCredentials(TokenRequests.TokenPath);
        return await ReadStringAsync(http, request, "access_token", cancel);
    }

    private static async Task<string> ReadStringAsync(HttpClient http, HttpRequestMessage request, string property, CancellationToken cancel)
    {
        using var response = await http.SendAsync(request, cancel);
        var body = await response.Content.ReadAsStringAsync(cancel);
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"{request.RequestUri} answered {(int)response.StatusCode}: {body}");
        }

        using var json = JsonDocument.Parse(body);
        return json.RootElement.GetProperty(property).GetString()!;
    }
}
