using System.Security.Claims;
using AuthServer.Operations.Logging;
using AuthServer.Protocol.ErrorResponses;
using Microsoft.IdentityModel.JsonWebTokens;
using OpenIddict.Abstractions;
using OpenIddict.Server;
using static OpenIddict.Abstractions.OpenIddictConstants;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace AuthServer.Protocol.ClientAssertions;

/// <summary>
/// Validates a client assertion with IdentityModel and the parameters OpenIddict resolved (the client's registered keys,
/// tightened by <see cref="AssertionValidationParameters"/>), exactly as OpenIddict's <c>ValidateIdentityModelToken</c>
/// would, which then skips it. The one difference: OpenIddict 7.9 takes an assertion's type from its <c>typ</c> header and
/// fails with a 500 on the <c>JWT</c> that PyJWT and most client libraries write; here an assertion is an assertion.
/// A failure is refused <c>invalid_client</c> and logged (1033) with the kind of failure, never the assertion.
/// </summary>
public sealed class ClientAssertionTokenValidator(ILogger<ClientAssertionTokenValidator> logger) : IOpenIddictServerHandler<ValidateTokenContext>
{
    public static OpenIddictServerHandlerDescriptor Descriptor { get; } =
        OpenIddictServerHandlerDescriptor.CreateBuilder<ValidateTokenContext>()
            .UseSingletonHandler<ClientAssertionTokenValidator>()
            .SetOrder(OpenIddictServerHandlers.Protection.ValidateIdentityModelToken.Descriptor.Order - 250)
            .SetType(OpenIddictServerHandlerType.Custom)
            .Build();

    public async ValueTask HandleAsync(ValidateTokenContext context)
    {
        if (context.Principal is not null || context.ValidTokenTypes.Count != 1
            || !context.ValidTokenTypes.Contains(AssertionValidationParameters.ClientAssertionTokenType))
        {
            return;
        }

        var claimed = ClientAssertionLogging.Named(context.Transaction.Request?.ClientId);
        if (context.SecurityTokenHandler is not JsonWebTokenHandler handler || !handler.CanReadToken(context.Token))
        {
            Refuse(context, claimed, "not a JWT");
            return;
        }

        var result = await handler.ValidateTokenAsync(context.Token, context.TokenValidationParameters);
        if (!result.IsValid)
        {
            Refuse(context, claimed, result.Exception?.GetType().Name ?? "invalid");
            return;
        }

        // An encrypted assertion would be nested; nothing here can decrypt one, and none is expected.
        if (result.SecurityToken is JsonWebToken { InnerToken: not null })
        {
            Refuse(context, claimed, "encrypted");
            return;
        }

        context.Principal = new ClaimsPrincipal(result.ClaimsIdentity).SetTokenType(AssertionValidationParameters.ClientAssertionTokenType);
    }

    private void Refuse(ValidateTokenContext context, string clientId, string reason)
    {
        logger.ClientAssertionInvalid(clientId, reason);
        context.Reject(Errors.InvalidClient, ClientAuthenticationFailure.FailedDescription);
    }
}
