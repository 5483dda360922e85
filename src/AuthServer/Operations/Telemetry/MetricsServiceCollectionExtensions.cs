namespace AuthServer.Operations.Telemetry;

public static class MetricsServiceCollectionExtensions
{
    /// <summary>
    /// AuthServer's instruments (<see cref="AuthServerMetrics"/>) and this node's last hour, which they feed
    /// (<see cref="ActivityWindow"/>, the console's dashboard). The CLI has them too: its key changes count.
    /// Which exporters read them is the telemetry step's (<see cref="TelemetrySetup"/>), last of all.
    /// </summary>
    public static IServiceCollection AddAuthServerMetrics(this IServiceCollection services)
    {
        services.AddMetrics();
        services.AddSingleton<ActivityWindow>();
        services.AddSingleton<AuthServerMetrics>();
        return services;
    }
}
