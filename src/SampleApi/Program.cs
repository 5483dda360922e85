using SampleApi;
using Serilog;

Log.Logger = new LoggerConfiguration().WriteTo.Console(formatProvider: System.Globalization.CultureInfo.InvariantCulture).CreateBootstrapLogger();
try
{
    await SampleApiHost.Build(args).RunAsync();
    return 0;
}
catch (Exception ex) when (ex is not HostAbortedException)
{
    Log.Fatal(ex, "SampleApi stopped");
    return 1;
}
finally
{
    await Log.CloseAndFlushAsync();
}
