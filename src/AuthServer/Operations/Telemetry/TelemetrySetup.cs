using System.Diagnostics.Metrics;
using AuthServer.Options;
using Microsoft.Extensions.Options;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace AuthServer.Operations.Telemetry;

/// <summary>
/// OpenTelemetry as <c>Telemetry:*</c> asks: metrics (our meter, ASP.NET Core, HttpClient, runtime) for a
/// Prometheus scrape and/or an OTLP collector; traces only to an OTLP collector. With neither, nothing
/// listens, and recording a measurement costs next to nothing.
/// </summary>
public static class TelemetrySetup
{
    /// <summary>Reads <c>Telemetry:*</c> at once: call it after every configuration source is added.</summary>
    public static WebApplicationBuilder AddAuthServerTelemetry(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<TelemetryOptions>().BindConfiguration(TelemetryOptions.Section).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<TelemetryOptions>, TelemetryOptionsValidator>();

        // An invalid section registers nothing here; validation stops the start, naming the key.
        if (TelemetryOptions.TryRead(builder.Configuration) is not { } options)
        {
            return builder;
        }

        var otlp = options.Otlp.EndpointUri;
        if (!options.Prometheus.Enabled && otlp is null)
        {
            return builder;
        }

        var protocol = options.Otlp.Protocol == OtlpTelemetryOptions.HttpProtobufProtocol
            ? OtlpExportProtocol.HttpProtobuf
            : OtlpExportProtocol.Grpc;
        var telemetry = builder.Services.AddOpenTelemetry()
            // OTEL_SERVICE_NAME and OTEL_RESOURCE_ATTRIBUTES, read again last, win over the default name.
            .ConfigureResource(resource => resource.AddService("authserver").AddEnvironmentVariableDetector());

        builder.Services.ConfigureOpenTelemetryMeterProvider((services, metrics) =>
            metrics.AddView(OwnInstrumentsOnly(services.GetRequiredService<IMeterFactory>(), NoPeerDetail)));
        telemetry.WithMetrics(metrics =>
        {
            metrics.AddMeter(AuthServerMetrics.MeterName)
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddRuntimeInstrumentation();
            if (options.Prometheus.Enabled)
            {
                // No cached scrape: the exporter would otherwise answer scrapes within 300 ms of each other
                // with the first one's numbers, and a scrape right after an event would not show it.
                metrics.AddPrometheusExporter(prometheus => prometheus.ScrapeResponseCacheDurationMilliseconds = 0);
            }
            if (otlp is not null)
            {
                metrics.AddOtlpExporter(exporter => Target(exporter, otlp, protocol, "v1/metrics"));
            }
        });

        if (otlp is not null)
        {
            telemetry.WithTracing(tracing => tracing
                // Request spans for what clients ask; scrapes and probes are not worth a trace each.
                .AddAspNetCoreInstrumentation(aspNet => aspNet.Filter = context =>
                    !context.Request.Path.StartsWithSegments(MetricsEndpoint.Path) && !context.Request.Path.StartsWithSegments("/health"))
                .AddHttpClientInstrumentation()
                .AddOtlpExporter(exporter => Target(exporter, otlp, protocol, "v1/traces")));
        }

        return builder;
    }

    /// <summary>
    /// Meters are matched by name across the whole process: a host keeps its own instruments (created
    /// through its meter factory) and the process-wide ones, never another host's, so several hosts in
    /// one process (the tests) each report exactly their own counts.
    /// </summary>
    private static Func<Instrument, MetricStreamConfiguration?> OwnInstrumentsOnly(IMeterFactory own,
        Func<Instrument, MetricStreamConfiguration?> then) => instrument =>
        instrument.Meter.Scope is null || ReferenceEquals(instrument.Meter.Scope, own) ? then(instrument) : MetricStreamConfiguration.Drop;

    /// <summary>
    /// The HttpClient and DNS instruments describe calls to Bubble apps, whose host names, ports and IP addresses
    /// are not for an unauthenticated <c>/metrics</c>: only the attributes in <see cref="OutboundAttributes"/> are
    /// kept (<c>server.address</c>, <c>server.port</c>, <c>network.peer.address</c>, <c>url.scheme</c> and
    /// <c>dns.question.name</c> are dropped); per app, <c>authserver_bubble_call_duration_seconds</c> says what matters.
    /// </summary>
    private static MetricStreamConfiguration? NoPeerDetail(Instrument instrument) =>
        instrument.Meter.Name is "System.Net.Http" or "System.Net.NameResolution"
            ? new MetricStreamConfiguration { TagKeys = OutboundAttributes }
            : null;

    public static readonly string[] OutboundAttributes =
        ["http.request.method", "http.response.status_code", "error.type", "network.protocol.version", "http.connection.state"];

    /// <summary>An endpoint set in code is used as given: over HTTP, the signal's path must be added here.</summary>
    private static void Target(OtlpExporterOptions exporter, Uri endpoint, OtlpExportProtocol protocol, string signalPath)
    {
        exporter.Protocol = protocol;
        exporter.Endpoint = protocol == OtlpExportProtocol.HttpProtobuf
            ? new Uri(endpoint.AbsoluteUri.TrimEnd('/') + "/" + signalPath)
            : endpoint;
    }
}
