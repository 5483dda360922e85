using AuthServer.Hosting;
using AuthServer.Options;
using Microsoft.AspNetCore.Http;

namespace AuthServer.Operations.Telemetry;

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

        ExtraListenAddresses.Add(app, $"http://*:{port}", "Telemetry:Prometheus:Port");
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
}
