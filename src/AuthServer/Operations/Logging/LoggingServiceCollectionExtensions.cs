using AuthServer.Options;
using Microsoft.Extensions.Options;
using Serilog;

namespace AuthServer.Operations.Logging;

public static class LoggingServiceCollectionExtensions
{
    /// <summary>
    /// The server's log: Serilog as <see cref="LoggingSetup"/> configures it from <c>Logging:Output</c>. The host's own
    /// logger, not the static one: the static logger stays the bootstrap logger for start-up failures, and several
    /// hosts in one process (the tests) keep their logs apart.
    /// </summary>
    public static WebApplicationBuilder AddAuthServerLogging(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<LogOutputOptions>().BindConfiguration(LogOutputOptions.Section).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<LogOutputOptions>, LogOutputOptionsValidator>();
        builder.Services.AddSerilog((provider, logger) => LoggingSetup.Configure(logger, builder.Configuration, provider),
            preserveStaticLogger: true);
        return builder;
    }
}
