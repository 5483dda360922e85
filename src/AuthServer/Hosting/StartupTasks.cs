using AuthServer.Bubble;
using AuthServer.Keys;
using AuthServer.Storage;

namespace AuthServer.Hosting;

public static class StartupTasks
{
    /// <summary>
    /// The hosted services that run before the server listens, registered before every other so that they start
    /// first and in this order: the store (migrated, the configured catalog applied, the first keys made), from which
    /// Data Protection's own hosted service then reads its key ring; then the notices about the configuration.
    /// </summary>
    public static IServiceCollection AddStartupTasks(this IServiceCollection services)
    {
        services.AddHostedService<StoreInitializer>();
        services.AddHostedService<KeyRingAtRestNotice>();
        services.AddHostedService<SharedAudiencesNotice>();
        return services;
    }
}
