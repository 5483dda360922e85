using AuthServer.Storage.Admin;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using AuthServer.AdminConsole;
using AuthServer.Administration.Admins;
using AuthServer.Administration.Audit;
using AuthServer.Options;

namespace AuthServer.Administration;

public static class AdminServiceCollectionExtensions
{
    /// <summary>What the console and the CLI share: the <c>Admin</c> options, admin accounts, sign-in checks and the audit trail.</summary>
    public static IServiceCollection AddAdminCore(this IServiceCollection services)
    {
        services.AddOptions<AdminOptions>().BindConfiguration(AdminOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<AdminOptions>, AdminOptionsValidator>();
        services.TryAddSingleton<IPasswordHasher<AdminAccount>, PasswordHasher<AdminAccount>>();
        services.AddSingleton<UnknownNameLockouts>();
        services.AddScoped<AdminAudit>();
        services.AddScoped<AdminAccounts>();
        services.AddScoped<AdminSignIn>();
        return services;
    }
}
