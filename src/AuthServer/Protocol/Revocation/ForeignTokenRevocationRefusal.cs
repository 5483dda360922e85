using OpenIddict.Abstractions;
using OpenIddict.Server;
using static OpenIddict.Abstractions.OpenIddictConstants;
using static OpenIddict.Server.OpenIddictServerEvents;
using AuthServer.Operations.Logging;

namespace AuthServer.Protocol.Revocation;

/// <summary>
/// RFC 7009 §2.1: the server "verifies whether the token was issued to the client making the revocation request. If
/// this validation fails, the request is refused and the client is informed of the error". OpenIddict's own check
/// rejects such a token as <c>invalid_token</c>, which its revocation endpoint turns into an empty 200 (§2.2's rule
/// for invalid tokens), so the client believed a token revoked that still worked. This check runs just before
/// OpenIddict's, with the same rule (an access token's client or audience, any other token's client alone), and
/// answers 400 <c>invalid_request</c>: §2.2.1 takes its error codes from RFC 6749 §5.2, none of which is made for a
/// token of another client outside the token endpoint, and §5.2's <c>invalid_request</c> covers "an unsupported
/// parameter value"; Keycloak answers the same case the same way ("Unmatching clients"). <c>unauthorized_client</c>
/// is §5.2's code for a grant type the client may not use, and <c>invalid_client</c> would be a failed authentication,
/// which this is not. Nothing is revoked.
/// </summary>
public sealed class ForeignTokenRevocationRefusal(ILogger<ForeignTokenRevocationRefusal> logger)
    : IOpenIddictServerHandler<ValidateRevocationRequestContext>
{
    public static OpenIddictServerHandlerDescriptor Descriptor { get; } =
        OpenIddictServerHandlerDescriptor.CreateBuilder<ValidateRevocationRequestContext>()
            .UseSingletonHandler<ForeignTokenRevocationRefusal>()
            .SetOrder(OpenIddictServerHandlers.Revocation.ValidateAuthorizedParty.Descriptor.Order - 500)
            .SetType(OpenIddictServerHandlerType.Custom)
            .Build();

    public ValueTask HandleAsync(ValidateRevocationRequestContext context)
    {
        if (context.GenericTokenPrincipal is not { } principal || context.Request.ClientId is not { Length: > 0 } clientId
            || principal.GetPresenters().IsEmpty)
        {
            return default;
        }

        var mayRevoke = principal.HasPresenter(clientId)
            || (principal.GetTokenType() == TokenTypeIdentifiers.AccessToken && principal.HasAudience(clientId));
        if (!mayRevoke)
        {
            logger.ForeignTokenRevocationRefused(clientId);
            context.Reject(Errors.InvalidRequest, "The token was not issued to this client.");
        }

        return default;
    }
}
