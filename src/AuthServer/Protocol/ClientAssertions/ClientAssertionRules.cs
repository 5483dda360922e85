using Microsoft.IdentityModel.JsonWebTokens;
using OpenIddict.Server;

namespace AuthServer.Protocol.ClientAssertions;

/// <summary>
/// What a <c>private_key_jwt</c> client assertion (RFC 7523 §2.2, §3) must be here, beyond a valid signature by one of
/// the client's registered keys: <c>iss</c> = <c>sub</c> = the client id; <c>aud</c> the issuer and nothing else;
/// <c>exp</c> present, not past and at most <see cref="MaxLifetime"/> ahead; <c>jti</c> present and used once.
/// </summary>
public static class ClientAssertionRules
{
    /// <summary>How far ahead an assertion's <c>exp</c> may be: an assertion is made for one request, not kept.</summary>
    public static readonly TimeSpan MaxLifetime = TimeSpan.FromMinutes(5);

    /// <summary>The difference between the client's clock and the server's that is tolerated on <c>exp</c> and <c>nbf</c>.</summary>
    public static readonly TimeSpan ClockSkew = TimeSpan.FromSeconds(30);

    public const int MaxJtiLength = 256;

    // The transaction properties that say where a request with an assertion is: checked, then accepted.
    private const string CheckingProperty = ".authserver_assertion_checking";
    private const string AcceptedProperty = ".authserver_assertion_accepted";

    public static void MarkChecking(OpenIddictServerTransaction transaction) => transaction.Properties[CheckingProperty] = true;

    public static void MarkAccepted(OpenIddictServerTransaction transaction) => transaction.Properties[AcceptedProperty] = true;

    /// <summary>A request that presented an assertion which has not (yet) been accepted: any refusal is a failed authentication.</summary>
    public static bool IsUnaccepted(OpenIddictServerTransaction transaction) =>
        transaction.Properties.ContainsKey(CheckingProperty) && !transaction.Properties.ContainsKey(AcceptedProperty);

    /// <summary>
    /// The one audience an assertion may name: the issuer, exactly as discovery spells it (draft-ietf-oauth-rfc7523bis,
    /// as OpenIddict 7.9 requires too). Not the token endpoint's URL: an assertion made for one endpoint of a server
    /// could be played at another that shares the URL's host, which an issuer identifier rules out.
    /// </summary>
    public static bool IsValidAudience(IReadOnlyList<string> audiences, string issuer) =>
        audiences is [var single] && string.Equals(single, issuer, StringComparison.Ordinal);

    /// <summary>The client id an assertion claims (its <c>iss</c>), read without trusting it; null when it is no JWT.</summary>
    public static string? ClaimedIssuer(string assertion)
    {
        var handler = new JsonWebTokenHandler();
        if (!handler.CanReadToken(assertion))
        {
            return null;
        }

        try
        {
            return handler.ReadJsonWebToken(assertion).Issuer is { Length: > 0 } issuer ? issuer : null;
        }
        catch (ArgumentException)
        {
            return null;
        }
    }
}
