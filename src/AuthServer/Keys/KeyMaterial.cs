using System.Security.Cryptography;
using AuthServer.Options;
using AuthServer.Storage.Keys;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.IdentityModel.Tokens;

namespace AuthServer.Keys;

/// <summary>Creates key material and moves it in and out of its protected, stored form.</summary>
public sealed class KeyMaterial(IDataProtectionProvider dataProtection, SigningKeyGenerator generator)
{
    private readonly IDataProtector _protector = dataProtection.CreateProtector("AuthServer.Keys.v1");

    public (string Algorithm, string ProtectedKey) NewSigningKey(string algorithm) =>
        (algorithm, Protect(generator.NewPkcs8(algorithm)));

    public (string Algorithm, string ProtectedKey) NewEncryptionKey() =>
        (SecurityAlgorithms.Aes256KW, Protect(RandomNumberGenerator.GetBytes(32)));

    public SecurityKey Load(StoredKey key)
    {
        var bytes = _protector.Unprotect(Convert.FromBase64String(key.ProtectedKey));
        try
        {
            switch (key.Use, key.Algorithm)
            {
                case (KeyUse.Encryption, _):
                    return new SymmetricSecurityKey(bytes) { KeyId = key.Id };
                case (_, SigningAlgorithms.ES256):
                    var ec = ECDsa.Create();
                    ec.ImportPkcs8PrivateKey(bytes, out _);
                    return new ECDsaSecurityKey(ec) { KeyId = key.Id };
                default:
                    var rsa = RSA.Create();
                    rsa.ImportPkcs8PrivateKey(bytes, out _);
                    return new RsaSecurityKey(rsa) { KeyId = key.Id };
            }
        }
        finally
        {
            if (key.Use != KeyUse.Encryption)
            {
                CryptographicOperations.ZeroMemory(bytes);
            }
        }
    }

    private string Protect(byte[] secret)
    {
        try
        {
            return Convert.ToBase64String(_protector.Protect(secret));
        }
        finally
        {
            CryptographicOperations.ZeroMemory(secret);
        }
    }
}
