using Serilog;
using Serilog.Events;

namespace AuthServer.Logging;

public static class LoggingSetup
{
    /// <summary>
    /// The server's Serilog pipeline. OpenIddict writes whole requests and responses at Information
    /// and tokens at Trace, so it is capped at Warning whatever the configuration asks.
    /// </summary>
    public static LoggerConfiguration Configure(LoggerConfiguration logger, IConfiguration configuration, IServiceProvider services) =>
        logger.ReadFrom.Configuration(configuration)
            .ReadFrom.Services(services)
            .MinimumLevel.Override("OpenIddict", LogEventLevel.Warning)
            .MinimumLevel.Override("Microsoft.AspNetCore", LogEventLevel.Warning)
            .MinimumLevel.Override("Microsoft.EntityFrameworkCore", LogEventLevel.Warning)
            .Enrich.FromLogContext()
            .WriteTo.Console(formatProvider: System.Globalization.CultureInfo.InvariantCulture);
}
