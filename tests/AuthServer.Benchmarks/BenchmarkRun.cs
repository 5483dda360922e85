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
            await using var system = await BenchmarkSystem.StartAsync(options.Synchronous, cancel);
            await StartBaselineAsync(system, options, cancel);
            var scenarios = (await ScenarioCatalog.CreateAsync(system, cancel))
                .Where(s => options.Scenario is null || s.Name.Contains(options.Scenario, StringComparison.OrdinalIgnoreCase))
                .ToList();
            if (scenarios.Count == 0)
            {
                Console.Error.WriteLine($"No scenario matches '{options.Scenario}'.");
                return 2;
            }

            var rows = new List<RowResult>();
            var warmed = new HashSet<string>(StringComparer.OrdinalIgnoreCase);

            // A process measured for the first time gets a longer warm-up: under this load on two cores,
            // tiered compilation takes about ten seconds to settle, and a row measured before that measures start-up.
            LoadSettings SettingsFor(LoadSide side) => warmed.Add(new Uri(side.Url).Authority)
                ? options.Load with { WarmUp = options.Load.WarmUp + options.ServerWarmUp }
                : options.Load;

            foreach (var scenario in scenarios)
            {
                Console.Error.WriteLine($"{scenario.Name}: AuthServer side…");
                var subject = await LoadGenerator.RunAsync(scenario.Subject.Url, scenario.Subject.Sessions, SettingsFor(scenario.Subject), cancel);
                Console.Error.WriteLine($"{scenario.Name}: baseline side…");
                var baseline = await LoadGenerator.RunAsync(scenario.Baseline.Url, scenario.Baseline.Sessions, SettingsFor(scenario.Baseline), cancel);
                rows.Add(new RowResult(scenario, subject, baseline));
            }

            var memory = PeakMemory.Read(system.AuthServers);
            Console.WriteLine(ResultTable.Render(rows));
            Console.WriteLine(ResultTable.RenderMemory(memory));
            var passed = rows.All(r => r.Passed) && memory.WithinBound;
            return passed || options.NoFail ? 0 : 1;
        }
        catch (OperationCanceledException) when (cancel.IsCancellationRequested)
        {
            Console.Error.WriteLine("Interrupted; all child processes stopped.");
            return 130;
        }
        catch (Exception ex) when (ex is InvalidOperationException or TimeoutException or FileNotFoundException or HttpRequestException)
        {
            // A server that would not start or a set-up request that failed: its message carries the child's last output.
            Console.Error.WriteLine($"The benchmark could not run: {ex.Message}");
            return 3;
        }
        finally
        {
            ChildProcess.KillAll();
        }
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
