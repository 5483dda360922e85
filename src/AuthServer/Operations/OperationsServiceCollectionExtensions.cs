using AuthServer.Keys;
using AuthServer.Operations.Health;
using AuthServer.Operations.Pruning;
using AuthServer.Operations.Telemetry;

namespace AuthServer.Operations;

public static class OperationsServiceCollectionExtensions
{
    /// <summary>
    /// What keeps the server running and observable: the metrics, the periodic jobs (key maintenance, then token
    /// pruning) and the health checks. The log and the proxy settings are early steps (so start-up validation names
    /// their faults first), the exporters the last of all (<see cref="TelemetrySetup"/>).
    /// </summary>
    public static IServiceCollection AddOperations(this IServiceCollection services)
    {
        services.AddAuthServerMetrics();
        services.AddScoped<TokenPruner>();
        services.AddHostedService<KeyMaintenanceService>();
        services.AddHostedService<TokenPruningService>();
        services.AddHealthChecks()
            .AddCheck<StoreHealthCheck>("store", tags: ["ready"])
            .AddCheck<SigningKeyHealthCheck>("signing-key", tags: ["ready"]);
        return services;
    }
}
