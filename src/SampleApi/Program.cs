using SampleApi;
using Serilog;

Log.Logger = new LoggerConfiguration().WriteTo.Console(formatProvider: System.Globalization.CultureInfo.InvariantCulture).CreateBootstrapLogger();
try
{
    Microsoft.AspNetCore.Builder.WebApplication app;
    try
    {
        app = SampleApiHost.Build(args);
    }
    catch (Exception ex) when (ex is InvalidOperationException or FormatException or Microsoft.Extensions.Options.OptionsValidationException)
    {
        // A configuration fault: one line naming it, as AuthServer prints its own.
        return CouldNotStart(ex.Message.ReplaceLineEndings(" "));
    }

    await app.RunAsync();
    return 0;
}
catch (IOException ex) when (ex.InnerException is Microsoft.AspNetCore.Connections.AddressInUseException)
{
    // The usual first-run fault (another copy, or another app, on the port): one line that says what to do.
    return CouldNotStart($"{ex.Message} Stop what uses the port, or choose another with --urls.");
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

static int CouldNotStart(string reason)
{
    Log.Fatal("SampleApi could not start: {Reason}", reason);
    return 1;
}
