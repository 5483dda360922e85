using AuthServer.Keys;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace AuthServer.Operations.Health;

/// <summary>Ready only while a signing key is loaded.</summary>
public sealed class SigningKeyHealthCheck(KeyRing ring) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(ring.Current.ActiveKeyId is { } kid
            ? HealthCheckResult.Healthy($"Key {kid} signs.")
            : HealthCheckResult.Unhealthy("No signing key is loaded."));
}
