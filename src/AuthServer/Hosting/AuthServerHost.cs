using AuthServer.Operations.Telemetry;

namespace AuthServer.Hosting;

/// <summary>Builds the HTTP server; tests use it to run the real server on a loopback port.</summary>
public static class AuthServerHost
{
    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null) =>
        Build(new WebApplicationOptions { Args = args, ContentRootPath = ContentRoot.Resolve() }, configure);

    /// <param name="settings">Configuration added before the services are registered, for what registration itself reads (the key ring certificate).</param>
    public static WebApplication Build(WebApplicationOptions options, Action<WebApplicationBuilder>? configure = null,
        IEnumerable<KeyValuePair<string, string?>>? settings = null)
    {
        var builder = WebApplication.CreateBuilder(options);
        if (settings is not null)
        {
            builder.Configuration.AddInMemoryCollection(settings);
        }

        builder.AddAuthServer();
        configure?.Invoke(builder);
        // Last: which exporters exist follows Telemetry:*, so every configuration source must be in.
        builder.AddAuthServerTelemetry();

        var app = builder.Build();
        app.UseAuthServer();
        return app;
    }
}
