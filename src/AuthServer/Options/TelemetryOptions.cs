using Microsoft.Extensions.Options;

namespace AuthServer.Options;

/// <summary>The <c>Telemetry</c> section: where metrics and traces go.</summary>
public sealed class TelemetryOptions
{
    public const string Section = "Telemetry";

    public PrometheusTelemetryOptions Prometheus { get; set; } = new();

    public OtlpTelemetryOptions Otlp { get; set; } = new();

    /// <summary>
    /// The section as configured, or null if it does not bind; read while the host is being built,
    /// before validation, which then reports the fault in one line.
    /// </summary>
    public static TelemetryOptions? TryRead(IConfiguration configuration)
    {
        try
        {
            var options = configuration.GetSection(Section).Get<TelemetryOptions>() ?? new TelemetryOptions();
            return new TelemetryOptionsValidator().Validate(null, options).Succeeded ? options : null;
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }
}

public sealed class PrometheusTelemetryOptions
{
    /// <summary>Serves <c>GET /metrics</c> in the Prometheus text format.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>When set, <c>/metrics</c> answers on this port only, and nothing else does.</summary>
    public int? Port { get; set; }
}

public sealed class OtlpTelemetryOptions
{
    /// <summary>An OTLP collector; when set, metrics and traces are sent there.</summary>
    public string? Endpoint { get; set; }

    /// <summary>The endpoint if it is set and an absolute http(s) URL; null otherwise.</summary>
    public Uri? EndpointUri => Uri.TryCreate(Endpoint, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" ? uri : null;

    /// <summary><c>grpc</c> (port 4317 by convention) or <c>http/protobuf</c> (4318).</summary>
    public string Protocol { get; set; } = GrpcProtocol;

    public const string GrpcProtocol = "grpc";
    public const string HttpProtobufProtocol = "http/protobuf";
}

public sealed class TelemetryOptionsValidator : IValidateOptions<TelemetryOptions>
{
    public ValidateOptionsResult Validate(string? name, TelemetryOptions options)
    {
        var failures = new List<string>();
        if (options.Prometheus.Port is { } port && port is < 1 or > 65535)
        {
            failures.Add($"Telemetry:Prometheus:Port must be a TCP port (1-65535), not {port}.");
        }
        if (options.Prometheus.Port is not null && !options.Prometheus.Enabled)
        {
            failures.Add("Telemetry:Prometheus:Port is set, but Telemetry:Prometheus:Enabled is false: remove the port or enable Prometheus.");
        }
        if (options.Otlp.EndpointUri is null && !string.IsNullOrWhiteSpace(options.Otlp.Endpoint))
        {
            failures.Add("Telemetry:Otlp:Endpoint must be an absolute http or https URL, such as http://collector:4317.");
        }
        if (options.Otlp.Protocol is not (OtlpTelemetryOptions.GrpcProtocol or OtlpTelemetryOptions.HttpProtobufProtocol))
        {
            failures.Add($"Telemetry:Otlp:Protocol must be {OtlpTelemetryOptions.GrpcProtocol} or {OtlpTelemetryOptions.HttpProtobufProtocol}.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
