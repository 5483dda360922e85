using Serilog;
using Serilog.Events;

namespace AuthServer.Cli;

/// <summary>
/// The CLI's audit trail: its own events (client added, secret replaced, client removed, key created or
/// revoked; the same ids as the server's) on standard error, in the server's log format, so stdout stays the
/// command's answer for scripts. Everything else is held back, so a failing command still prints one line.
/// </summary>
public static class CliAuditLog
{
    public static LoggerConfiguration Configure(LoggerConfiguration logger, IConfiguration configuration, IServiceProvider services)
    {
        logger.MinimumLevel.Fatal()
            .MinimumLevel.Override("AuthServer", LogEventLevel.Information)
            .ReadFrom.Services(services);
        return Operations.Logging.LoggingSetup.Console(logger.WriteTo, configuration, standardErrorFromLevel: LogEventLevel.Verbose);
    }
}
