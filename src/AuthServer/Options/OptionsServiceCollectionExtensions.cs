using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace AuthServer.Options;

public static class OptionsServiceCollectionExtensions
{
    /// <summary>
    /// The clock and the options the server and the CLI both read, each bound to its section and validated (at start
    /// for the server; for the CLI when a command first reads it). The server's own sections (<c>Proxy</c>,
    /// <c>Logging:Output</c>, <c>Telemetry</c>) are bound by the steps that use them.
    /// </summary>
    public static IServiceCollection AddAuthServerOptions(this IServiceCollection services, IConfiguration configuration)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddOptions<AuthOptions>().BindConfiguration(AuthOptions.Section).ValidateOnStart();
        services.AddSingleton<IPostConfigureOptions<AuthOptions>, AuthOptionsDefaults>();
        services.AddSingleton<IValidateOptions<AuthOptions>, AuthOptionsValidator>();
        services.AddOptions<DatabaseOptions>().BindConfiguration(DatabaseOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<DatabaseOptions>, DatabaseOptionsValidator>();
        services.AddOptions<CatalogOptions>().Bind(configuration).ValidateOnStart();
        services.AddSingleton<IValidateOptions<CatalogOptions>, CatalogOptionsValidator>();
        services.AddSingleton<ClientKeySources>();
        services.AddSingleton<IPostConfigureOptions<CatalogOptions>>(provider => provider.GetRequiredService<ClientKeySources>());
        services.AddOptions<MaintenanceOptions>().BindConfiguration(MaintenanceOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<MaintenanceOptions>, MaintenanceOptionsValidator>();
        services.AddOptions<RateLimitOptions>().BindConfiguration(RateLimitOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<RateLimitOptions>, RateLimitOptionsValidator>();
        services.AddOptions<KeyProtectionOptions>().BindConfiguration(KeyProtectionOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<KeyProtectionOptions>, KeyProtectionOptionsValidator>();
        // Read by the client rules too (a Bubble app URL's address), not only by the Bubble validator.
        services.AddOptions<BubbleOptions>().BindConfiguration(BubbleOptions.Section).ValidateOnStart();
        services.AddSingleton<IPostConfigureOptions<BubbleOptions>, BubbleOptionsDefaults>();
        services.AddSingleton<IValidateOptions<BubbleOptions>, BubbleOptionsValidator>();
        services.AddOptions<AdminOptions>().BindConfiguration(AdminOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<AdminOptions>, AdminOptionsValidator>();
        return services;
    }
}
