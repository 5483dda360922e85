using AuthServer.Options;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;

namespace AuthServer.Telemetry;

/// <summary>
/// <c>GET /metrics</c> for Prometheus, first in the pipeline so scrapes are neither logged nor guarded.
/// With <c>Telemetry:Prometheus:Port</c> the server also listens on that port, which answers
/// <c>/metrics</c> and nothing else, while the public port no longer answers it. The port is told by the
/// connection's local port, not by the Host header, which any client could set.
/// </summary>
public static class MetricsEndpoint
{
    public const string Path = "/metrics";

    public static WebApplication UseAuthServerMetrics(this WebApplication app)
    {
        if (TelemetryOptions.TryRead(app.Configuration) is not { Prometheus.Enabled: true } options)
        {
            return app;
        }

        if (options.Prometheus.Port is not { } port)
        {
            app.UseOpenTelemetryPrometheusScrapingEndpoint(Path);
            return app;
        }

        ListenAlsoOn(app, port);
        app.MapWhen(context => context.Connection.LocalPort == port, metricsPort =>
        {
            metricsPort.UseOpenTelemetryPrometheusScrapingEndpoint(Path);
            metricsPort.Run(context =>
            {
                context.Response.StatusCode = StatusCodes.Status404NotFound;
                return Task.CompletedTask;
            });
        });
        return app;
    }

    /// <summary>
    /// Adds the port to the addresses the server binds. Kestrel binds only the addresses set here once any
    /// is, so the configured ones (urls, http_ports, https_ports, or Kestrel's default) are set here too,
    /// as the host would have set them. Endpoints under <c>Kestrel:Endpoints</c> replace all of these.
    /// </summary>
    private static void ListenAlsoOn(WebApplication app, int port)
    {
        if (app.Urls.Count == 0)
        {
            foreach (var url in ConfiguredUrls(app.Configuration))
            {
                app.Urls.Add(url);
            }
        }

        if (app.Urls.Any(url => BindingAddress.Parse(url).Port == port))
        {
            throw new InvalidOperationException(
                $"Telemetry:Prometheus:Port is {port}, a port the server already listens on for requests; choose another.");
        }

        app.Urls.Add($"http://*:{port}");
    }

    private static IEnumerable<string> ConfiguredUrls(IConfiguration configuration)
    {
        if (configuration[WebHostDefaults.ServerUrlsKey] is { Length: > 0 } urls)
        {
            return urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        }

        var ports = Ports(configuration[WebHostDefaults.HttpPortsKey], "http")
            .Concat(Ports(configuration[WebHostDefaults.HttpsPortsKey], "https")).ToList();
        return ports.Count > 0 ? ports : ["http://localhost:5000"];
    }

    private static IEnumerable<string> Ports(string? ports, string scheme) =>
        (ports ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(p => $"{scheme}://*:{p}");
}
