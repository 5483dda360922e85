namespace AuthServer.Benchmarks.Processes;

/// <summary>
/// Every process of a run, each on its own free loopback port: the Bubble simulator, AuthServer twice
/// (Bubble answers cached as configured by default, and not cached), SampleApi trusting the first, and the
/// baseline server. Each AuthServer has a fresh SQLite file in a temporary folder removed at the end.
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

    public ChildProcess SampleApi { get; private set; } = null!;

    public ChildProcess Baseline { get; private set; } = null!;

    public IEnumerable<ChildProcess> AuthServers => [AuthServer, AuthServerWithoutBubbleCache];

    /// <summary>Starts the servers under test; the baseline needs their documents, so it comes later.</summary>
    public static async Task<BenchmarkSystem> StartAsync(string synchronous, CancellationToken cancel)
    {
        var folder = Directory.CreateTempSubdirectory("authserver-bench-").FullName;
        var system = new BenchmarkSystem(folder);
        try
        {
            system.Simulator = system.Add(ChildProcess.Start("BubbleSimulator", AppLocations.BubbleSimulator, NewUrl(),
                Path.GetDirectoryName(AppLocations.BubbleSimulator)!, BenchClients.SimulatorArguments(), Production()));
            system.AuthServer = system.StartAuthServer("AuthServer", "authserver.db", "00:01:00", synchronous);
            system.AuthServerWithoutBubbleCache = system.StartAuthServer("AuthServer (Bubble cache off)", "authserver-nocache.db", "00:00:00", synchronous);
            await system.Simulator.WaitUntilReadyAsync("/", StartTimeout, cancel, anyStatus: true);
            await Task.WhenAll(
                system.AuthServer.WaitUntilReadyAsync("/health/ready", StartTimeout, cancel),
                system.AuthServerWithoutBubbleCache.WaitUntilReadyAsync("/health/ready", StartTimeout, cancel));

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
        ], Production()));
        await Baseline.WaitUntilReadyAsync("/jwks", StartTimeout, cancel);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var child in _children)
        {
            await child.DisposeAsync();
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

    private ChildProcess StartAuthServer(string name, string databaseFile, string bubbleCacheLifetime, string synchronous)
    {
        var url = NewUrl();
        return Add(ChildProcess.Start(name, AppLocations.AuthServer, url, Folder,
        [
            $"--Auth:Issuer={url}",
            "--Auth:RequireHttps=false",
            $"--ConnectionStrings:AuthServer=Data Source={Path.Combine(Folder, databaseFile)}",
            // The limiter is not what is measured: one client sends tens of thousands of requests a minute.
            "--RateLimits:RequestsPerMinute=60000000",
            $"--Bubble:CacheLifetime={bubbleCacheLifetime}",
            $"--Database:SqliteSynchronous={synchronous}",
            .. BenchClients.AuthServerArguments(Simulator.Url),
        ], Production()));
    }

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
