using AuthServer.Benchmarks;
using AuthServer.Benchmarks.Baseline;

// The same executable is the baseline server and the OpenIddict floor server, started as a child process by the harness.
if (args.Length > 0 && args[0] == BaselineServer.Flag)
{
    return await BaselineServer.RunAsync(args[1..]);
}

if (args.Length > 0 && args[0] == OpenIddictFloorServer.Flag)
{
    return await OpenIddictFloorServer.RunAsync(args[1..]);
}

return await BenchmarkOptions.Command(BenchmarkRun.RunAsync).Parse(args).InvokeAsync();
