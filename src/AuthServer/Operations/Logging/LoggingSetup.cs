using AuthServer.Options;
using Serilog;
using Serilog.Configuration;
using Serilog.Events;
using Serilog.Formatting;
using Serilog.Formatting.Compact;
using Serilog.Formatting.Display;

namespace AuthServer.Operations.Logging;

public static class LoggingSetup
{
    /// <summary>
    /// The server's Serilog pipeline. OpenIddict writes whole requests and responses at Information
    /// and tokens at Trace, so it is capped at Warning whatever the configuration asks. HttpClient's
    /// four lines per Bubble call are capped too: the Bubble events (3xxx) say what matters, and those
    /// lines were a third of what an uncached exchange logged.
    /// </summary>
    public static LoggerConfiguration Configure(LoggerConfiguration logger, IConfiguration configuration, IServiceProvider services)
    {
        return logger.ReadFrom.Configuration(configuration)
            .ReadFrom.Services(services)
            .MinimumLevel.Override("OpenIddict", LogEventLevel.Warning)
            .MinimumLevel.Override("Microsoft.AspNetCore", LogEventLevel.Warning)
            .MinimumLevel.Override("Microsoft.EntityFrameworkCore", LogEventLevel.Warning)
            // A failed command surfaces as an exception answered 503 (and logged as 2006) or as the one start-up
            // line; EF's own multi-line copy also fires for expected failures, such as a fresh database's probe.
            .MinimumLevel.Override("Microsoft.EntityFrameworkCore.Database.Command", LogEventLevel.Fatal)
            // A failed start is reported once, in one line (Program.cs), not with the host's stack trace as well.
            .MinimumLevel.Override("Microsoft.Extensions.Hosting", LogEventLevel.Fatal)
            .MinimumLevel.Override("System.Net.Http.HttpClient", LogEventLevel.Warning)
            // Polly's Information line per Bubble call attempt repeats what the 3xxx events say, and for a call
            // cancelled because the client went away it carried a stack trace; retried failures stay (Warning).
            .MinimumLevel.Override("Polly", LogEventLevel.Warning)
            // Its "No XML encryptor configured" warning is replaced by one line naming the setting (KeyRingAtRestNotice).
            .MinimumLevel.Override("Microsoft.AspNetCore.DataProtection.KeyManagement.XmlKeyManager", LogEventLevel.Error)
            .Enrich.FromLogContext()
            // Console writes happen on a background thread, in batches, so no request waits on the terminal;
            // the queue is not bounded (nothing of the audit trail is dropped), and the host flushes it at shutdown.
            .WriteTo.Sink(new BatchedConsoleSink(Formatter(configuration), System.Console.OpenStandardOutput()), new BatchingOptions
            {
                BatchSizeLimit = 1000,
                BufferingTimeLimit = TimeSpan.FromMilliseconds(100),
                EagerlyEmitFirstEvent = true,
                QueueLimit = null,
            });
    }

    private const string TextTemplate = "[{Timestamp:HH:mm:ss} {Level:u3}] {Message:lj}{NewLine}{Exception}";

    private static ITextFormatter Formatter(IConfiguration configuration) =>
        IsJson(configuration)
            ? new RenderedCompactJsonFormatter()
            : new MessageTemplateTextFormatter(TextTemplate, System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>
    /// The CLI's console, in the configured <c>Logging:Format</c> and the server's formatter (the server's sink is the
    /// batched one above). A formatter, never a theme: the text stays plain on a terminal too.
    /// </summary>
    public static LoggerConfiguration Console(LoggerSinkConfiguration sink, IConfiguration configuration,
        LogEventLevel? standardErrorFromLevel = null) =>
        sink.Console(Formatter(configuration), standardErrorFromLevel: standardErrorFromLevel);

    // Read from configuration, not the validated options: the logger is built with the host, before the start-up
    // validation that turns a bad Logging:Format into its one line (text, meanwhile).
    private static bool IsJson(IConfiguration configuration) =>
        configuration.GetSection(LogOutputOptions.Section).Get<LogOutputOptions>()?.IsJson == true;
}
