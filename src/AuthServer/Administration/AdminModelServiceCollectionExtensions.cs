using AuthServer.Clients;
using AuthServer.AdminConsole;
using AuthServer.Administration.Audit;
using AuthServer.Administration.Clients;
using AuthServer.Administration.Keys;

namespace AuthServer.Administration;

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
