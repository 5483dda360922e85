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
    // Checked before the host starts, so a bad configuration is one line, not the host's stack trace.
    app.Services.GetRequiredService<Microsoft.Extensions.Options.IStartupValidator>().Validate();
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
