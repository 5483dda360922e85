using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using AuthServer.Protocol.Discovery;

namespace AuthServer.Protocol.Token;

/// <summary>
/// OpenIddict's JWT writer with two RFC 9068 details added: every token carries <c>nbf</c>
/// (equal to <c>iat</c>), and the issuer is spelled exactly as configured.
/// </summary>
public sealed class Rfc9068TokenHandler : JsonWebTokenHandler
{
    public Rfc9068TokenHandler() => SetDefaultTimesOnTokenCreation = false;

    public override string CreateToken(SecurityTokenDescriptor tokenDescriptor)
    {
        tokenDescriptor.NotBefore ??= tokenDescriptor.IssuedAt;
        tokenDescriptor.Issuer = IssuerFormat.Canonical(tokenDescriptor.Issuer);
        return base.CreateToken(tokenDescriptor);
    }
}
