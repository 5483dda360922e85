using AuthServer.AdminConsole;
using AuthServer.Administration.Audit;
using AuthServer.Administration.Bubble;
using AuthServer.Operations.Telemetry;

namespace AuthServer.Administration;

public static class AdminServicesServiceCollectionExtensions
{
    /// <summary>
    /// The console's UI-free services: the Bubble connection guide, this node's last-hour activity (fed by
    /// <see cref="Telemetry.AuthServerMetrics"/>, so it is registered wherever the metrics are) and the whoami probe.
    /// </summary>
    public static IServiceCollection AddAdminServices(this IServiceCollection services)
    {
        services.AddSingleton<ActivityWindow>();
        services.AddSingleton<BubbleConnectionGuide>();
        services.AddScoped<WhoamiProbe>();
        services.AddScoped<Bubble.ConnectWizard>();
        return services;
    }
}
