using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace AuthServer.Benchmarks.Baseline;

/// <summary>
/// (f): (a) after checking one RS256 client assertion (RFC 7523) with the client's registered public key, the floor of
/// private_key_jwt: the signature, <c>aud</c> (the issuer) and <c>exp</c> checked by
/// JsonWebTokenHandler, as OpenIddict checks them, and <c>sub</c> equal to <c>iss</c>. No replay check: a floor keeps no
/// record, so it is one RSA verification and one RSA signature a request.
/// </summary>
public sealed class BaselineAssertionVerifier(string issuer, string clientJwks)
{
    private readonly JsonWebTokenHandler _handler = new();
    private readonly TokenValidationParameters _parameters = new()
    {
        ValidAudience = issuer,
        IssuerSigningKeys = new JsonWebKeySet(clientJwks).GetSigningKeys(),
        ValidAlgorithms = [SecurityAlgorithms.RsaSha256],
        ValidateIssuer = false, // the client id is not known before the assertion names it; checked below against the form
        RequireExpirationTime = true,
        ValidateLifetime = true,
    };

    public async Task<IResult> SignAfterAssertionAsync(HttpRequest request, BaselineSigner signer)
    {
        var form = await request.ReadFormAsync(request.HttpContext.RequestAborted);
        var clientId = form["client_id"].ToString();
        var result = await _handler.ValidateTokenAsync(form["client_assertion"].ToString(), _parameters);
        if (!result.IsValid || result.SecurityToken is not JsonWebToken assertion
            || assertion.Issuer != clientId || assertion.Subject != clientId)
        {
            return Results.Json(new { error = "invalid_client" }, statusCode: StatusCodes.Status401Unauthorized);
        }

        return signer.Answer(clientId, clientId, form["scope"].ToString() is { Length: > 0 } scope ? scope : "sample-api.read");
    }
}
