using OpenIddict.Abstractions;
using OpenIddict.Server;
using static OpenIddict.Abstractions.OpenIddictConstants;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace AuthServer.Grants;

/// <summary>
/// RFC 8693 §2.1 and §4.1: an <c>actor_token</c> asks for delegation, a token whose <c>act</c> claim names the actor.
/// This server issues no <c>act</c>, and OpenIddict would validate an actor token of its own and then drop it, issuing
/// impersonation in place of the delegation asked for. So an exchange naming an actor (<c>actor_token</c> or
/// <c>actor_token_type</c>) is refused with <c>invalid_request</c>, before the client's credentials or the subject
/// token cost anything. An empty value is an omitted one (RFC 6749 §3.2).
/// </summary>
public sealed class ActorTokenRefusal : IOpenIddictServerHandler<ValidateTokenRequestContext>
{
    public static OpenIddictServerHandlerDescriptor Descriptor { get; } =
        OpenIddictServerHandlerDescriptor.CreateBuilder<ValidateTokenRequestContext>()
            .UseSingletonHandler<ActorTokenRefusal>()
            .SetOrder(OpenIddictServerHandlers.Exchange.ValidateTokenExchangeParameters.Descriptor.Order - 500)
            .SetType(OpenIddictServerHandlerType.Custom)
            .Build();

    public ValueTask HandleAsync(ValidateTokenRequestContext context)
    {
        if (context.Request.IsTokenExchangeGrantType()
            && (!string.IsNullOrEmpty(context.Request.ActorToken) || !string.IsNullOrEmpty(context.Request.ActorTokenType)))
        {
            context.Reject(Errors.InvalidRequest, "Delegation is not supported: send no actor token.");
        }

        return default;
    }
}
