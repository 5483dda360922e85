using AuthServer.Hosting;
using Serilog;

Log.Logger = new LoggerConfiguration().WriteTo.Console(formatProvider: System.Globalization.CultureInfo.InvariantCulture).CreateBootstrapLogger();
try
{
    if (AuthServer.Cli.CliApp.IsCommand(args))
    {
        return await AuthServer.Cli.CliApp.RunAsync(args, Console.Out, Console.Error);
    }

    var app = AuthServerHost.Build(args);
    await app.RunAsync();
    return 0;
}
catch (Exception ex) when (ex is not HostAbortedException)
{
    Log.Fatal("AuthServer could not start: {Reason}", StartupFailure.Describe(ex));
    return 1;
}
finally
{
    await Log.CloseAndFlushAsync();
}
