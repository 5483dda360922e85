using System.Security.Cryptography;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace AuthServer.Benchmarks.Baseline;

/// <summary>
/// What issuing a token must cost at least: an RS256 JWT (2048-bit key, as AuthServer's) with the
/// claims AuthServer puts in an RFC 9068 access token, signed by JsonWebTokenHandler.
/// </summary>
public sealed class BaselineSigner(string issuer)
{
    private readonly JsonWebTokenHandler _handler = new() { SetDefaultTimesOnTokenCreation = true };
    private readonly SigningCredentials _credentials = new(
        new RsaSecurityKey(RSA.Create(2048)) { KeyId = Guid.NewGuid().ToString("N").ToUpperInvariant() }, SecurityAlgorithms.RsaSha256);

    public string Sign(string subject, string clientId, string scope, string? email)
    {
        var claims = new Dictionary<string, object>
        {
            ["sub"] = subject,
            ["client_id"] = clientId,
            ["scope"] = scope,
            ["jti"] = Guid.NewGuid().ToString(),
        };
        if (email is not null)
        {
            claims["email"] = email;
        }

        return _handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = issuer,
            Audience = "sample-api",
            Claims = claims,
            Expires = DateTime.UtcNow.AddHours(1),
            SigningCredentials = _credentials,
            TokenType = "at+jwt",
        });
    }

    /// <summary>The answer AuthServer gives, in the same shape.</summary>
    public IResult Answer(string subject, string clientId, string scope, string? email = null) => Results.Json(new
    {
        access_token = Sign(subject, clientId, scope, email),
        token_type = "Bearer",
        expires_in = 3600,
        scope,
    });

}
