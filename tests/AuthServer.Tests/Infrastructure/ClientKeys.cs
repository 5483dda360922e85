using System.Security.Claims;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace AuthServer.Tests.Infrastructure;

/// <summary>
/// A client's own key pair for <c>private_key_jwt</c>, as a script holds it: the public half as the JWKS it registers,
/// the private half to sign its assertions with IdentityModel (RFC 7523 §3).
/// </summary>
public sealed class ClientKeys : IDisposable
{
    private readonly RSA _rsa = RSA.Create(2048);

    public string KeyId { get; } = "key-" + Guid.NewGuid().ToString("N")[..8];

    /// <summary>The public JWKS to register.</summary>
    public string PublicJwks => Jwks(includePrivate: false);

    /// <summary>A JWKS that wrongly carries the private key too.</summary>
    public string PrivateJwks => Jwks(includePrivate: true);

    public SigningCredentials Credentials => new(new RsaSecurityKey(_rsa) { KeyId = KeyId }, SecurityAlgorithms.RsaSha256);

    private string Jwks(bool includePrivate)
    {
        var p = _rsa.ExportParameters(includePrivate);
        var key = new Dictionary<string, string>
        {
            ["kty"] = "RSA", ["use"] = "sig", ["alg"] = "RS256", ["kid"] = KeyId,
            ["n"] = Base64UrlEncoder.Encode(p.Modulus), ["e"] = Base64UrlEncoder.Encode(p.Exponent),
        };
        if (includePrivate)
        {
            key["d"] = Base64UrlEncoder.Encode(p.D);
            key["p"] = Base64UrlEncoder.Encode(p.P);
            key["q"] = Base64UrlEncoder.Encode(p.Q);
        }

        return JsonSerializer.Serialize(new { keys = new[] { key } });
    }

    /// <summary>
    /// An assertion for <paramref name="clientId"/> at <paramref name="audience"/>: iss = sub = the client, a fresh jti,
    /// exp one minute ahead; <paramref name="change"/> alters the descriptor (drop exp, change a claim, sign otherwise).
    /// </summary>
    public string Assertion(string clientId, string audience, Action<SecurityTokenDescriptor>? change = null)
    {
        var now = DateTime.UtcNow;
        var descriptor = new SecurityTokenDescriptor
        {
            Issuer = clientId,
            Audience = audience,
            IssuedAt = now,
            NotBefore = now,
            Expires = now.AddMinutes(1),
            Claims = new Dictionary<string, object> { ["sub"] = clientId, ["jti"] = Guid.NewGuid().ToString() },
            SigningCredentials = Credentials,
        };
        change?.Invoke(descriptor);
        return new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(descriptor);
    }

    /// <summary>The form of a token request that authenticates with <paramref name="assertion"/> (no secret anywhere).</summary>
    public static Dictionary<string, string> Form(string assertion, string grantType = "client_credentials", string? clientId = null)
    {
        var form = new Dictionary<string, string>
        {
            ["grant_type"] = grantType,
            ["client_assertion_type"] = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer",
            ["client_assertion"] = assertion,
        };
        if (clientId is not null) form["client_id"] = clientId;
        return form;
    }

    public void Dispose() => _rsa.Dispose();
}
