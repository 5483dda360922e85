using AuthServer.Hosting;
using AuthServer.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using AuthServer.Tests.Options;

namespace AuthServer.Tests.Operations.Telemetry;

/// <summary>A bad <c>Telemetry:*</c> setting stops the start with one line naming it.</summary>
public sealed class TelemetryConfigurationTests
{
    [Theory]
    [InlineData("Telemetry:Prometheus:Port", "0", "Telemetry:Prometheus:Port")]
    [InlineData("Telemetry:Prometheus:Port", "70000", "Telemetry:Prometheus:Port")]
    [InlineData("Telemetry:Otlp:Endpoint", "collector:4317", "Telemetry:Otlp:Endpoint")]
    [InlineData("Telemetry:Otlp:Protocol", "udp", "Telemetry:Otlp:Protocol")]
    public Task Bad_telemetry_setting_stops_the_start_naming_it(string key, string value, string named) =>
        ConfigurationValidationTests.AssertStartFailsNamingAsync(named, new Dictionary<string, string?> { [key] = value });

    [Fact]
    public Task Metrics_port_with_prometheus_disabled_stops_the_start_naming_both() =>
        ConfigurationValidationTests.AssertStartFailsNamingAsync("Telemetry:Prometheus:Enabled", new Dictionary<string, string?>
        {
            ["Telemetry:Prometheus:Port"] = "9464",
            ["Telemetry:Prometheus:Enabled"] = "false",
        });

    [Fact]
    public void Metrics_port_that_the_server_already_listens_on_is_refused_naming_it()
    {
        using var directory = new TestDirectory();
        var port = Ports.Free();

        var failure = Assert.Throws<InvalidOperationException>(() => AuthServerHost.Build(
            new WebApplicationOptions { EnvironmentName = "Production", ContentRootPath = directory.Path },
            builder =>
            {
                builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
                builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Telemetry:Prometheus:Port"] = $"{port}" });
            }));

        Assert.Contains("Telemetry:Prometheus:Port", failure.Message);
    }
}
