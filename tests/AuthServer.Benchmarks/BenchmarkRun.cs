using AuthServer.Benchmarks.Load;
using AuthServer.Benchmarks.Processes;
using AuthServer.Benchmarks.Report;
using AuthServer.Benchmarks.Scenarios;

namespace AuthServer.Benchmarks;

/// <summary>One run: start everything, measure each scenario and its baseline in turn, print the table, stop everything.</summary>
public static class BenchmarkRun
{
    public static async Task<int> RunAsync(BenchmarkOptions options, CancellationToken cancel)
    {
        if (AppLocations.Configuration != "Release")
        {
            Console.Error.WriteLine($"Warning: built in {AppLocations.Configuration}; numbers are meaningful only with -c Release.");
        }

        Console.Error.WriteLine($"{Environment.ProcessorCount} cores; {options.Load.Connections} connections, " +
            $"{options.Load.WarmUp.TotalSeconds:0.#} s warm-up (+{options.ServerWarmUp.TotalSeconds:0.#} s for each process's first), {options.Load.Duration.TotalSeconds:0.#} s measured per side.");
        try
        {
            await using var system = await BenchmarkSystem.StartAsync(options.Synchronous, options.Postgres, cancel);
            await StartBaselineAsync(system, options, cancel);
            // Enough client assertions for a side's longest run (first warm-up included) at ClientAssertions.PlannedRate.
            var assertionsPerSide = (int)(ClientAssertions.PlannedRate
                * (options.Load.WarmUp + options.ServerWarmUp + options.Load.Duration).TotalSeconds);
            var scenarios = (await ScenarioCatalog.CreateAsync(system, assertionsPerSide, cancel))
                .Where(s => options.Scenario is null || s.Name.Contains(options.Scenario, StringComparison.OrdinalIgnoreCase))
                .ToList();
            if (scenarios.Count == 0)
            {
                Console.Error.WriteLine($"No scenario matches '{options.Scenario}'.");
                return 2;
            }

            var rows = new List<RowResult>();
            var postgresRows = new List<PostgresRowResult>();
            var warmed = new HashSet<string>(StringComparer.OrdinalIgnoreCase);

            // A process measured for the first time gets a longer warm-up: under this load on two cores,
            // tiered compilation takes about ten seconds to settle, and a row measured before that measures start-up.
            // (Not short-circuited: every URL of a multi-node row is marked warmed.)
            LoadSettings SettingsFor(params string[] urls) => urls.Count(url => warmed.Add(new Uri(url).Authority)) > 0
                ? options.Load with { WarmUp = options.Load.WarmUp + options.ServerWarmUp }
                : options.Load;

            foreach (var scenario in scenarios)
            {
                Console.Error.WriteLine($"{scenario.Name}: AuthServer side…");
                var subject = await LoadGenerator.RunAsync(scenario.Subject.Url, scenario.Subject.Sessions, SettingsFor(scenario.Subject.Url), cancel);
                Console.Error.WriteLine($"{scenario.Name}: baseline side…");
                var baseline = await LoadGenerator.RunAsync(scenario.Baseline.Url, scenario.Baseline.Sessions, SettingsFor(scenario.Baseline.Url), cancel);
                rows.Add(new RowResult(scenario, subject, baseline));
                if (scenario.OnPostgres && system.PostgresNodes.Count > 0)
                {
                    postgresRows.Add(await MeasurePostgresAsync(rows[^1], system.PostgresNodes.Select(n => n.Url).ToArray(), SettingsFor, cancel));
                }
            }

            var memory = PeakMemory.Read(system.AuthServers);
            Console.WriteLine(ResultTable.Render(rows));
            if (system.Postgres is not null)
            {
                Console.WriteLine(postgresRows.Count > 0
                    ? PostgresTable.Render(postgresRows, system.Postgres.Describe())
                    : "No PostgreSQL row: --scenario chose none of client_credentials, the cached exchange and refresh.\n");
            }

            Console.WriteLine(ResultTable.RenderMemory(memory));
            var passed = rows.All(r => r.Passed) && postgresRows.All(r => r.Passed) && memory.WithinBound;
            return passed || options.NoFail ? 0 : 1;
        }
        catch (OperationCanceledException) when (cancel.IsCancellationRequested)
        {
            Console.Error.WriteLine("Interrupted; all child processes stopped.");
            return 130;
        }
        catch (Exception ex) when (ex is InvalidOperationException or TimeoutException or FileNotFoundException or HttpRequestException
            or TaskCanceledException)
        {
            // A server that would not start, or a set-up request that failed or timed out (HttpClient's timeout is a
            // TaskCanceledException, which System.CommandLine would swallow into a silent exit code 1): the message
            // carries the child's last output.
            Console.Error.WriteLine($"The benchmark could not run: {ex.Message}");
            return 3;
        }
        finally
        {
            ChildProcess.KillAll();
            PostgresServer.StopAll();
        }
    }

    /// <summary>
    /// The row's AuthServer side again, on PostgreSQL: all connections to node 1, then connection i to node i % 2.
    /// The baseline is the SQLite row's, not measured again.
    /// </summary>
    private static async Task<PostgresRowResult> MeasurePostgresAsync(RowResult sqlite, string[] nodes,
        Func<string[], LoadSettings> settingsFor, CancellationToken cancel)
    {
        var sessions = sqlite.Scenario.Subject.Sessions;
        Console.Error.WriteLine($"{sqlite.Scenario.Name}: PostgreSQL, 1 node…");
        var oneNode = await LoadGenerator.RunAsync([nodes[0]], sessions, settingsFor([nodes[0]]), cancel);
        Console.Error.WriteLine($"{sqlite.Scenario.Name}: PostgreSQL, {nodes.Length} nodes…");
        var twoNodes = await LoadGenerator.RunAsync(nodes, sessions, settingsFor(nodes), cancel);
        return new PostgresRowResult(sqlite, oneNode, twoNodes);
    }

    /// <summary>The baseline serves byte-for-byte copies of AuthServer's JWKS and discovery documents.</summary>
    private static async Task StartBaselineAsync(BenchmarkSystem system, BenchmarkOptions options, CancellationToken cancel)
    {
        using var http = new HttpClient { BaseAddress = new Uri(system.AuthServer.Url) };
        var jwks = Path.Combine(system.Folder, "jwks.json");
        var discovery = Path.Combine(system.Folder, "discovery.json");
        await File.WriteAllBytesAsync(jwks, await http.GetByteArrayAsync("/.well-known/jwks", cancel), cancel);
        await File.WriteAllBytesAsync(discovery, await http.GetByteArrayAsync("/.well-known/openid-configuration", cancel), cancel);
        await system.StartBaselineAsync(jwks, discovery, options.Synchronous, cancel);
        await TokenSizes.PrintAsync(system, cancel);
    }
}
