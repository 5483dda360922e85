using AuthServer.Clients;

namespace AuthServer.Admin.Model;

public static class AdminModelServiceCollectionExtensions
{
    /// <summary>Client and key administration, shared by the CLI and the console (scoped, as the store is).</summary>
    public static IServiceCollection AddAdminModel(this IServiceCollection services)
    {
        services.AddSingleton<ConfiguredClients>();
        services.AddScoped<ClientValidation>();
        services.AddScoped<AdministrationAudit>();
        services.AddScoped<ClientAdministration>();
        services.AddScoped<KeyAdministration>();
        return services;
    }
}
