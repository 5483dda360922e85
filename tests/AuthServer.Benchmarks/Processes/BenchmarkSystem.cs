namespace AuthServer.Benchmarks.Processes;

/// <summary>
/// Every process of a run, each on its own free loopback port: the Bubble simulator, AuthServer four times
/// (Bubble answers cached as configured by default, not cached, with the engine switched off, and with the Bubble session
/// checked at every refresh), SampleApi trusting the first, and the
/// baseline server. Each AuthServer has a fresh SQLite file in a temporary folder removed at the end.
/// With <c>--postgres</c>, two more AuthServer nodes share one fresh PostgreSQL database (see <see cref="PostgresServer"/>).
/// </summary>
public sealed class BenchmarkSystem : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);
    private readonly List<ChildProcess> _children = [];

    private BenchmarkSystem(string folder) => Folder = folder;

    public string Folder { get; }

    public ChildProcess Simulator { get; private set; } = null!;

    public ChildProcess AuthServer { get; private set; } = null!;

    public ChildProcess AuthServerWithoutBubbleCache { get; private set; } = null!;

    /// <summary>The first AuthServer again with <c>Engine:Enabled=false</c>: stock OpenIddict where Engine/ replaces it.</summary>
    public ChildProcess AuthServerWithoutEngine { get; private set; } = null!;

    /// <summary>The first AuthServer again with <c>Bubble:SessionCheckInterval=00:00:00</c>: every refresh asks Bubble's whoami.</summary>
    public ChildProcess AuthServerWithSessionCheck { get; private set; } = null!;

    public ChildProcess SampleApi { get; private set; } = null!;

    public ChildProcess Baseline { get; private set; } = null!;

    /// <summary>Stock OpenIddict with as little as it allows, the reference row's server.</summary>
    public ChildProcess OpenIddictFloor { get; private set; } = null!;

    public PostgresServer? Postgres { get; private set; }

    /// <summary>The PostgreSQL nodes, in the order a load balancer would number them; empty without <c>--postgres</c>.</summary>
    public IReadOnlyList<ChildProcess> PostgresNodes { get; private set; } = [];

    public IEnumerable<ChildProcess> AuthServers =>
        [AuthServer, AuthServerWithoutBubbleCache, AuthServerWithoutEngine, AuthServerWithSessionCheck, .. PostgresNodes];

    /// <summary>Starts the servers under test; the baseline needs their documents, so it comes later.</summary>
    public static async Task<BenchmarkSystem> StartAsync(string synchronous, bool postgres, CancellationToken cancel)
    {
        var folder = Directory.CreateTempSubdirectory("authserver-bench-").FullName;
        var system = new BenchmarkSystem(folder);
        try
        {
            system.Simulator = system.Add(ChildProcess.Start("BubbleSimulator", AppLocations.BubbleSimulator, NewUrl(),
                Path.GetDirectoryName(AppLocations.BubbleSimulator)!, BenchClients.SimulatorArguments(), Production()));
            system.AuthServer = system.StartAuthServer("AuthServer", NewUrl(), issuer: null, system.Sqlite("authserver.db", synchronous), "00:01:00");
            system.AuthServerWithoutBubbleCache = system.StartAuthServer("AuthServer (Bubble cache off)", NewUrl(), issuer: null,
                system.Sqlite("authserver-nocache.db", synchronous), "00:00:00");
            system.AuthServerWithoutEngine = system.StartAuthServer("AuthServer (engine off)", NewUrl(), issuer: null,
                [.. system.Sqlite("authserver-noengine.db", synchronous), "--Engine:Enabled=false"], "00:01:00");
            system.AuthServerWithSessionCheck = system.StartAuthServer("AuthServer (session check at every refresh)", NewUrl(), issuer: null,
                [.. system.Sqlite("authserver-sessioncheck.db", synchronous), "--Bubble:SessionCheckInterval=00:00:00"], "00:01:00");
            if (postgres)
            {
                await system.StartPostgresNodesAsync(cancel);
            }

            await system.Simulator.WaitUntilReadyAsync("/", StartTimeout, cancel, anyStatus: true);
            await Task.WhenAll(system.AuthServers.Select(s => s.WaitUntilReadyAsync("/health/ready", StartTimeout, cancel)));

            system.SampleApi = system.Add(ChildProcess.Start("SampleApi", AppLocations.SampleApi, NewUrl(),
                Path.GetDirectoryName(AppLocations.SampleApi)!,
                [$"--Auth:Authority={system.AuthServer.Url}", $"--Auth:Audience={BenchClients.Audience}", "--Auth:RequireHttpsMetadata=false"],
                Production()));
            await system.SampleApi.WaitUntilReadyAsync("/anonymous", StartTimeout, cancel);
            return system;
        }
        catch
        {
            await system.DisposeAsync();
            throw;
        }
    }

    /// <summary>The harness itself with <c>--baseline-server</c>: bare endpoints serving the given documents.</summary>
    public async Task StartBaselineAsync(string jwksFile, string discoveryFile, string synchronous, CancellationToken cancel)
    {
        Baseline = Add(ChildProcess.Start("Baseline server", AppLocations.Harness, NewUrl(), Folder,
        [
            "--baseline-server",
            $"--Baseline:Issuer={AuthServer.Url}",
            $"--Baseline:Database={Path.Combine(Folder, "baseline.db")}",
            $"--Baseline:Synchronous={synchronous}",
            $"--Baseline:WhoamiUrl={Simulator.Url}/api/1.1/wf/whoami",
            $"--Baseline:Jwks={jwksFile}",
            $"--Baseline:Discovery={discoveryFile}",
            $"--Baseline:ClientJwks={BenchClientKey.Jwks}",
        ], Production()));
        await Baseline.WaitUntilReadyAsync("/jwks", StartTimeout, cancel);
        OpenIddictFloor = Add(ChildProcess.Start("OpenIddict floor server", AppLocations.Harness, NewUrl(), Folder,
            ["--openiddict-floor-server"], Production()));
        await OpenIddictFloor.WaitUntilReadyAsync("/connect/token", StartTimeout, cancel, anyStatus: true);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var child in _children)
        {
            await child.DisposeAsync();
        }

        if (Postgres is not null)
        {
            await Postgres.DisposeAsync();
        }

        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
            // A child still closing its database; the temporary folder is left behind.
        }
    }

    /// <summary>
    /// Two nodes on one fresh database. Nodes behind one load balancer share the issuer: the first node's URL is it.
    /// The second starts once the first is ready: a node waiting for the other's start-up lock gives up after
    /// the 15 s command timeout, which a first migration on two busy cores can exceed (the tests cover the start-up race).
    /// </summary>
    private async Task StartPostgresNodesAsync(CancellationToken cancel)
    {
        Postgres = await PostgresServer.StartAsync(cancel);
        string[] store = ["--Database:Provider=Postgres", $"--ConnectionStrings:AuthServer={Postgres.ConnectionString}"];
        var first = StartAuthServer("AuthServer (PostgreSQL node 1)", NewUrl(), issuer: null, store, "00:01:00");
        PostgresNodes = [first];
        await first.WaitUntilReadyAsync("/health/ready", StartTimeout, cancel);
        PostgresNodes = [first, StartAuthServer("AuthServer (PostgreSQL node 2)", NewUrl(), first.Url, store, "00:01:00")];
    }

    private string[] Sqlite(string databaseFile, string synchronous) =>
        [$"--ConnectionStrings:AuthServer=Data Source={Path.Combine(Folder, databaseFile)}", $"--Database:SqliteSynchronous={synchronous}"];

    /// <summary>An AuthServer as shipped but for its store, its Bubble cache and the rate limit; <paramref name="issuer"/> defaults to its own URL.</summary>
    private ChildProcess StartAuthServer(string name, string url, string? issuer, IEnumerable<string> store, string bubbleCacheLifetime) =>
        Add(ChildProcess.Start(name, AppLocations.AuthServer, url, Folder,
        [
            $"--Auth:Issuer={issuer ?? url}",
            "--Auth:RequireHttps=false",
            // The simulator is on loopback, which Production refuses as a Bubble app by default.
            "--Bubble:AllowPrivateAddresses=true",
            .. store,
            // The limiter is not what is measured: one client sends tens of thousands of requests a minute.
            "--RateLimits:RequestsPerMinute=60000000",
            $"--Bubble:CacheLifetime={bubbleCacheLifetime}",
            .. BenchClients.AuthServerArguments(Simulator.Url),
        ], Production()));

    private ChildProcess Add(ChildProcess child)
    {
        _children.Add(child);
        return child;
    }

    private static string NewUrl() => FreePort.LoopbackUrl(FreePort.Next());

    private static Dictionary<string, string> Production() => new()
    {
        ["ASPNETCORE_ENVIRONMENT"] = "Production",
        ["DOTNET_ENVIRONMENT"] = "Production",
        ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1",
    };
}
