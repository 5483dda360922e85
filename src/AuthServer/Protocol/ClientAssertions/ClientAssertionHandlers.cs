using System.Collections.Immutable;
using OpenIddict.Server;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace AuthServer.Protocol.ClientAssertions;

/// <summary>
/// <c>private_key_jwt</c> client authentication (RFC 7523 §2.2) at the token, introspection and revocation endpoints.
/// OpenIddict validates the assertion's signature with the keys the client registered; these handlers add what it
/// leaves out (<see cref="ClientAssertionRules"/>): asymmetric algorithms only, strict claims, one use of each jti on
/// every node, the client id known before the rate limits, and one answer for every failure.
/// </summary>
public static class ClientAssertionHandlers
{
    public static ImmutableArray<OpenIddictServerHandlerDescriptor> DefaultHandlers { get; } =
    [
        // ValidateToken of the assertion: the algorithms, type and lifetime checks, then IdentityModel's validation.
        AssertionValidationParameters.Descriptor,
        ClientAssertionTokenValidator.Descriptor,

        // ProcessAuthentication: the claimed client id first, the claims once the signature holds, the jti once authenticated.
        ClientAssertionClientId.Descriptor,
        ClientAssertionClaims.Descriptor,
        ClientAssertionUse.Descriptor,

        // Apply*Response: every refusal of an assertion is the one invalid_client answer.
        ClientAssertionFailure<ApplyTokenResponseContext>.Descriptor,
        ClientAssertionFailure<ApplyIntrospectionResponseContext>.Descriptor,
        ClientAssertionFailure<ApplyRevocationResponseContext>.Descriptor,
    ];
}
