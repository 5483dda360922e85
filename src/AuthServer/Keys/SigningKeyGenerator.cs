using System.Security.Cryptography;
using AuthServer.Options;

namespace AuthServer.Keys;

/// <summary>
/// Creates the private material of a new signing key, as PKCS#8. A service of its own so that the test suite can
/// give its many throw-away servers keys made once: creating an RSA-2048 key costs about 0.4 s of CPU, which was
/// most of a test server's start. The caller owns, and wipes, the array it gets.
/// </summary>
public class SigningKeyGenerator
{
    public virtual byte[] NewPkcs8(string algorithm)
    {
        if (algorithm == SigningAlgorithms.ES256)
        {
            using var ec = ECDsa.Create(ECCurve.NamedCurves.nistP256);
            return ec.ExportPkcs8PrivateKey();
        }

        using var rsa = RSA.Create(2048);
        return rsa.ExportPkcs8PrivateKey();
    }
}
