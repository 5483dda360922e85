using AuthServer.Clients;
using Microsoft.IdentityModel.Tokens;
using OpenIddict.Server;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace AuthServer.Protocol.ClientAssertions;

/// <summary>
/// Tightens the parameters OpenIddict validates a client assertion with (it resolves the client's registered keys):
/// only asymmetric algorithms (so <c>alg: none</c> and every HMAC are refused whatever key is sent), a signature always,
/// <c>exp</c> required, <c>exp</c>/<c>nbf</c> checked with a short clock skew instead of IdentityModel's five minutes, and
/// the header's <c>typ</c>, when present, one of a client assertion's.
/// </summary>
public sealed class AssertionValidationParameters : IOpenIddictServerHandler<ValidateTokenContext>
{
    public static OpenIddictServerHandlerDescriptor Descriptor { get; } =
        OpenIddictServerHandlerDescriptor.CreateBuilder<ValidateTokenContext>()
            .UseSingletonHandler<AssertionValidationParameters>()
            .SetOrder(OpenIddictServerHandlers.Protection.ResolveTokenValidationParameters.Descriptor.Order + 250)
            .SetType(OpenIddictServerHandlerType.Custom)
            .Build();

    /// <summary>OpenIddict's own type for the client assertions it validates (internal to its server package).</summary>
    public const string ClientAssertionTokenType = "urn:openiddict:params:oauth:token-type:client_assertion";

    public ValueTask HandleAsync(ValidateTokenContext context)
    {
        if (context.ValidTokenTypes.Count != 1 || !context.ValidTokenTypes.Contains(ClientAssertionTokenType)
            || context.TokenValidationParameters is not { } parameters)
        {
            return default;
        }

        parameters.ValidAlgorithms = ClientKeySet.Algorithms;
        parameters.RequireSignedTokens = true;
        parameters.RequireExpirationTime = true;
        parameters.ValidateLifetime = true;
        parameters.ClockSkew = ClientAssertionRules.ClockSkew;

        // OpenIddict accepts only the explicit type of draft-ietf-oauth-rfc7523bis; PyJWT writes "JWT" and jose no typ at
        // all. The claims checks (aud, iss = sub = the client, the client's own key) already tell an assertion from any
        // other JWT, so those are accepted too; any other type (an access token's at+jwt, say) is not.
        parameters.ValidTypes = null;
        parameters.TypeValidator = (type, _, _) => type is null or "" || AcceptedTypes.Contains(type)
            ? type
            : throw new SecurityTokenInvalidTypeException("The assertion's typ is not one of a client assertion.") { InvalidType = type };
        return default;
    }

    private static readonly HashSet<string> AcceptedTypes = new(StringComparer.OrdinalIgnoreCase)
    {
        "client-authentication+jwt", "application/client-authentication+jwt", "JWT", "application/jwt",
    };
}
