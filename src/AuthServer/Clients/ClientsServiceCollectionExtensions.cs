namespace AuthServer.Clients;

public static class ClientsServiceCollectionExtensions
{
    /// <summary>
    /// The client catalog: what configuration declares, the store's view that the rules and the issuance check
    /// read, the synchronizer that applies configuration at start, and the audience isolation between Bubble apps.
    /// </summary>
    public static IServiceCollection AddClientCatalog(this IServiceCollection services)
    {
        services.AddSingleton<ConfiguredClients>();
        services.AddSingleton<AudienceIsolation>();
        services.AddScoped<ClientCatalogReader>();
        services.AddScoped<CatalogSynchronizer>();
        return services;
    }
}
