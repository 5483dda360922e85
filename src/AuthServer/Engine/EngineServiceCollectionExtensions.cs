using Microsoft.Extensions.DependencyInjection.Extensions;
using OpenIddict.EntityFrameworkCore.Models;

namespace AuthServer.Engine;

/// <summary>
/// The one call that puts the engine in: every replaced or tuned OpenIddict internal of this folder, or none of
/// them when <c>Engine:Enabled</c> is false. Engine code knows OpenIddict and the store, never a feature: what it
/// must know of the features is handed in here by the composition root.
/// </summary>
public static class EngineServiceCollectionExtensions
{
    /// <summary>After <c>AddDbContextPool</c> and <c>AddOpenIddict()</c> (core with its EF Core stores, and server):
    /// the engine wraps or replaces their registrations.</summary>
    /// <param name="unstoredSubjectTokenTypes">Subject token types the server validates itself and never stores
    /// (Bubble user tokens): looking them up in the token table can only miss.</param>
    public static IServiceCollection AddEngineTuning(this IServiceCollection services, IConfiguration configuration,
        IEnumerable<string> unstoredSubjectTokenTypes)
    {
        services.AddOptions<EngineOptions>().BindConfiguration(EngineOptions.Section).ValidateOnStart();
        if (!EngineOptions.Read(configuration).Enabled)
        {
            return services;
        }

        services.AddSingleton<VerifiedSecretCache>();
        services.AddSingleton<ApplicationSnapshotCache>();
        services.AddSingleton(new UnstoredSubjectTokenTypes(unstoredSubjectTokenTypes));
        services.AddOpenIddict()
            .AddCore(core => core.ReplaceApplicationManager<OpenIddictEntityFrameworkCoreApplication, CachingApplicationManager>())
            .AddServer(EngineHandlers.Apply);
        LazyStoreContext.Register(services);
        LazyEntityCaches.Register(services);
        PlannedServerDispatcher.Register(services);
        return services;
    }
}
