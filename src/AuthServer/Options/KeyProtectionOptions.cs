using Microsoft.Extensions.Options;

namespace AuthServer.Options;

/// <summary>
/// The <c>DataProtection</c> section: the certificate that encrypts the Data Protection key ring at
/// rest. That ring protects the signing and encryption keys in the store, so without a certificate
/// a copy of the database (or a backup) holds everything needed to sign tokens.
/// </summary>
public sealed class KeyProtectionOptions
{
    public const string Section = "DataProtection";

    /// <summary>A PKCS#12 (.pfx) file with the certificate and its private key.</summary>
    public string? CertificatePath { get; set; }

    public string? CertificatePassword { get; set; }

    /// <summary>Or the thumbprint of a certificate in the machine's or the user's <c>My</c> store.</summary>
    public string? CertificateThumbprint { get; set; }

    /// <summary>Certificates that encrypted the key ring before (PKCS#12 files), still needed to read it after a certificate change.</summary>
    public List<string> PreviousCertificatePaths { get; set; } = [];

    public bool IsConfigured => !string.IsNullOrWhiteSpace(CertificatePath) || !string.IsNullOrWhiteSpace(CertificateThumbprint);
}

public sealed class KeyProtectionOptionsValidator : IValidateOptions<KeyProtectionOptions>
{
    public ValidateOptionsResult Validate(string? name, KeyProtectionOptions options)
    {
        if (!string.IsNullOrWhiteSpace(options.CertificatePath) && !string.IsNullOrWhiteSpace(options.CertificateThumbprint))
        {
            return ValidateOptionsResult.Fail("DataProtection:CertificatePath and DataProtection:CertificateThumbprint are exclusive; set one.");
        }

        if (options.CertificatePath is { Length: > 0 } path && !File.Exists(path))
        {
            return ValidateOptionsResult.Fail($"DataProtection:CertificatePath '{path}' does not exist.");
        }

        if (!string.IsNullOrEmpty(options.CertificatePassword) && string.IsNullOrWhiteSpace(options.CertificatePath))
        {
            return ValidateOptionsResult.Fail("DataProtection:CertificatePassword needs DataProtection:CertificatePath.");
        }

        return options.PreviousCertificatePaths.FirstOrDefault(p => !File.Exists(p)) is { } missing
            ? ValidateOptionsResult.Fail($"DataProtection:PreviousCertificatePaths '{missing}' does not exist.")
            : ValidateOptionsResult.Success;
    }
}
