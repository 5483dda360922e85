using AuthServer.Storage;
using Microsoft.AspNetCore.DataProtection;

namespace AuthServer.Keys;

public static class KeysServiceCollectionExtensions
{
    /// <summary>
    /// The signing and encryption keys in the store, protected by the Data Protection key ring (kept in the store
    /// too, encrypted with the configured certificate), and the manager that creates, rotates and revokes them.
    /// </summary>
    public static IServiceCollection AddSigningKeys(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddDataProtection().SetApplicationName("AuthServer").PersistKeysToDbContext<AuthDbContext>()
            .ProtectKeysWithConfiguredCertificate(configuration);
        services.AddSingleton<SigningKeyGenerator>();
        services.AddSingleton<KeyMaterial>();
        services.AddSingleton<KeyRing>();
        services.AddScoped<KeyManager>();
        return services;
    }
}
