using System.CommandLine;
using AuthServer.Benchmarks.Load;

namespace AuthServer.Benchmarks;

/// <summary>The harness's command line.</summary>
public sealed record BenchmarkOptions(LoadSettings Load, TimeSpan ServerWarmUp, string? Scenario, bool NoFail, string Synchronous, bool Postgres)
{
    private static readonly Option<int> Connections = new("--connections")
    { Description = "Concurrent keep-alive connections (closed loop, one worker each)", DefaultValueFactory = _ => 16 };

    private static readonly Option<double> WarmUp = new("--warmup")
    { Description = "Seconds of unmeasured load before each measurement", DefaultValueFactory = _ => 3 };

    private static readonly Option<double> ServerWarmUpOption = new("--server-warmup")
    {
        Description = "Extra seconds of unmeasured load the first time each server process is measured (tiered JIT settling)",
        DefaultValueFactory = _ => 10,
    };

    private static readonly Option<double> Duration = new("--duration")
    { Description = "Seconds measured, for each scenario and each baseline", DefaultValueFactory = _ => 10 };

    private static readonly Option<string?> ScenarioName = new("--scenario")
    { Description = "Run only the scenario whose name contains this text (e.g. client_credentials, refresh, JWKS, /me)" };

    private static readonly Option<bool> NoFailOption = new("--no-fail")
    { Description = "Exit 0 even when a row misses its target" };

    private static readonly Option<string> SynchronousOption = new("--synchronous")
    {
        Description = "SQLite synchronous level of AuthServer (Database:SqliteSynchronous) and of the EF Core baseline alike: NORMAL (AuthServer's default) or FULL",
        DefaultValueFactory = _ => "NORMAL",
    };

    private static readonly Option<bool> PostgresOption = new("--postgres")
    {
        Description = "Also measure client_credentials, cached exchange and refresh on two AuthServer nodes sharing one PostgreSQL " +
            "(AUTHSERVER_TEST_POSTGRES's server, else a throw-away one), at one node and at two",
    };

    public static RootCommand Command(Func<BenchmarkOptions, CancellationToken, Task<int>> run)
    {
        SynchronousOption.AcceptOnlyFromAmong("FULL", "NORMAL");
        var command = new RootCommand("AuthServer benchmark: real processes on loopback, a closed-loop load, in-run baselines")
        {
            Connections, WarmUp, ServerWarmUpOption, Duration, ScenarioName, NoFailOption, SynchronousOption, PostgresOption,
        };
        command.SetAction((parse, cancel) => run(new BenchmarkOptions(
            new LoadSettings(parse.GetValue(Connections), TimeSpan.FromSeconds(parse.GetValue(WarmUp)), TimeSpan.FromSeconds(parse.GetValue(Duration))),
            TimeSpan.FromSeconds(parse.GetValue(ServerWarmUpOption)), parse.GetValue(ScenarioName), parse.GetValue(NoFailOption), parse.GetValue(SynchronousOption)!,
            parse.GetValue(PostgresOption)), cancel));
        return command;
    }
}
