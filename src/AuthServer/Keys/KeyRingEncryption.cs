using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using AuthServer.Options;
using Microsoft.AspNetCore.DataProtection;

namespace AuthServer.Keys;

/// <summary>
/// Encrypts the Data Protection key ring with the configured certificate, and lets it be read with
/// that certificate or a previous one. Certificates are loaded while the services are registered, as
/// the Data Protection builder needs them; a path that does not exist is left to the options validator,
/// which names the setting at start.
/// </summary>
public static class KeyRingEncryption
{
    public static IDataProtectionBuilder ProtectKeysWithConfiguredCertificate(this IDataProtectionBuilder builder, IConfiguration configuration)
    {
        var settings = configuration.GetSection(KeyProtectionOptions.Section).Get<KeyProtectionOptions>() ?? new KeyProtectionOptions();
        if (Current(settings) is not { } certificate)
        {
            return builder;
        }

        var previous = settings.PreviousCertificatePaths.Where(File.Exists)
            .Select(path => Load(path, settings.CertificatePassword, "DataProtection:PreviousCertificatePaths"));
        return builder.ProtectKeysWithCertificate(certificate).UnprotectKeysWithAnyCertificate([certificate, .. previous]);
    }

    private static X509Certificate2? Current(KeyProtectionOptions settings)
    {
        if (settings.CertificatePath is { Length: > 0 } path)
        {
            return File.Exists(path) && string.IsNullOrWhiteSpace(settings.CertificateThumbprint)
                ? Load(path, settings.CertificatePassword, "DataProtection:CertificatePath")
                : null;
        }

        return settings.CertificateThumbprint is { Length: > 0 } thumbprint ? FindInStores(thumbprint) : null;
    }

    private static X509Certificate2 Load(string path, string? password, string setting)
    {
        X509Certificate2 certificate;
        try
        {
            certificate = X509CertificateLoader.LoadPkcs12FromFile(path, password);
        }
        catch (CryptographicException ex)
        {
            throw new CryptographicException($"{setting} '{path}' cannot be read (is DataProtection:CertificatePassword right?): {ex.Message}", ex);
        }

        return certificate.HasPrivateKey
            ? certificate
            : throw new CryptographicException($"{setting} '{path}' holds no private key, so the key ring could not be read back.");
    }

    private static X509Certificate2 FindInStores(string thumbprint)
    {
        foreach (var location in new[] { StoreLocation.CurrentUser, StoreLocation.LocalMachine })
        {
            using var store = new X509Store(StoreName.My, location);
            store.Open(OpenFlags.ReadOnly);
            var found = store.Certificates.Find(X509FindType.FindByThumbprint, thumbprint, validOnly: false);
            if (found.Count > 0 && found[0].HasPrivateKey)
            {
                return found[0];
            }
        }

        throw new CryptographicException($"DataProtection:CertificateThumbprint '{thumbprint}' is in no My store with its private key.");
    }
}
