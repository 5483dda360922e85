using AuthServer.Options;
using AuthServer.Storage.ClientSecrets;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using OpenIddict.EntityFrameworkCore.Models;

namespace AuthServer.Storage;

public static class StoreServiceCollectionExtensions
{
    /// <summary>
    /// The store: a pooled <see cref="AuthDbContext"/> with its per-request deadline, and OpenIddict's core (its
    /// managers over the Entity Framework stores), through which the server and the CLI alike read and change clients;
    /// its application manager knows each client's rotating secrets (<see cref="SecretCheckingApplicationManager"/>).
    /// </summary>
    public static IServiceCollection AddStore(this IServiceCollection services)
    {
        // Pooled: most of a request's database cost was setting up a fresh context.
        services.AddHttpContextAccessor();
        services.AddSingleton<StoreDeadline>();
        services.AddDbContextPool<AuthDbContext>((provider, options) => StoreProvider.Configure(options,
            provider.GetRequiredService<IOptions<DatabaseOptions>>().Value,
            provider.GetRequiredService<IConfiguration>().GetConnectionString(DatabaseOptions.ConnectionStringName),
            provider.GetRequiredService<StoreDeadline>()));
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<ClientSecretRows>();
        services.AddOpenIddict().AddCore(core =>
        {
            core.UseEntityFrameworkCore().UseDbContext<AuthDbContext>();
            core.ReplaceApplicationManager<OpenIddictEntityFrameworkCoreApplication, SecretCheckingApplicationManager>();
        });
        return services;
    }
}
