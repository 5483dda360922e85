using AuthServer.Administration.Admins;
using AuthServer.Administration.Audit;
using AuthServer.Administration.Clients;
using AuthServer.Administration.Keys;
using AuthServer.Administration.ApiScopes;
using AuthServer.Administration.Sessions;
using AuthServer.Storage.Admin;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace AuthServer.Administration;

public static class AdministrationServiceCollectionExtensions
{
    /// <summary>
    /// The application layer the CLI and the console share: clients, keys, users' sessions, admin accounts and their sign-in checks,
    /// and the audit trail (scoped, as the store is). What only the console's pages use (the Bubble connection guide,
    /// the wizard, the whoami probe: the Bubble HTTP client) is registered by the console.
    /// </summary>
    public static IServiceCollection AddAdministration(this IServiceCollection services)
    {
        services.TryAddSingleton<IPasswordHasher<AdminAccount>, PasswordHasher<AdminAccount>>();
        services.AddSingleton<UnknownNameLockouts>();
        services.AddScoped<AdminAudit>();
        services.AddScoped<AdminAccounts>();
        services.AddScoped<AdminSignIn>();
        services.AddScoped<ClientValidation>();
        services.AddScoped<ClientSecretAdministration>();
        services.AddScoped<ClientAdministration>();
        services.AddScoped<KeyAdministration>();
        services.AddSingleton<ConfiguredScopes>();
        services.AddScoped<ScopeAdministration>();
        services.AddScoped<SessionAdministration>();
        return services;
    }
}
