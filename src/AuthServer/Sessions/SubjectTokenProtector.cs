using Microsoft.AspNetCore.DataProtection;

namespace AuthServer.Sessions;

/// <summary>
/// Encrypts the Bubble token a chain came from, for its row in <c>UserSessions</c>: with Data Protection, whose key
/// ring lives in the store (and is itself encrypted at rest when <c>DataProtection:CertificatePath</c> is set), so a
/// copy of the database alone gives no one a Bubble login.
/// </summary>
public sealed class SubjectTokenProtector(IDataProtectionProvider provider)
{
    private readonly IDataProtector _protector = provider.CreateProtector("AuthServer.UserSessions.SubjectToken.v1");

    public string Protect(string token) => _protector.Protect(token);

    /// <summary>The token, or null when it cannot be read (a key ring lost or replaced): the check is then skipped, never failed.</summary>
    public string? Unprotect(string protectedToken)
    {
        try
        {
            return _protector.Unprotect(protectedToken);
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            return null;
        }
    }
}
