using OpenIddict.Abstractions;
using OpenIddict.Server;
using static OpenIddict.Abstractions.OpenIddictConstants;
using static OpenIddict.Server.OpenIddictServerEvents;
using AuthServer.Protocol.Filters;

namespace AuthServer.Protocol.Token.Exchange;

/// <summary>
/// RFC 8693 §2.1 and §4.1: an <c>actor_token</c> asks for delegation, a token whose <c>act</c> claim names the actor.
/// This server issues no <c>act</c>, and OpenIddict would validate an actor token of its own and then drop it, issuing
/// impersonation in place of the delegation asked for. So an exchange naming an actor (<c>actor_token</c> or
/// <c>actor_token_type</c>) is refused with <c>invalid_request</c>. It runs right after the client is authenticated
/// (a wrong secret or an unknown client stays 401 <c>invalid_client</c> and counts toward the lockout, CONTRACT §3.4)
/// and before the subject token is validated, so Bubble is never called and no actor token is validated. An empty
/// value is an omitted one (RFC 6749 §3.2).
/// </summary>
public sealed class ActorTokenRefusal : IOpenIddictServerHandler<ProcessAuthenticationContext>
{
    public static OpenIddictServerHandlerDescriptor Descriptor { get; } =
        OpenIddictServerHandlerDescriptor.CreateBuilder<ProcessAuthenticationContext>()
            .UseSingletonHandler<ActorTokenRefusal>()
            .SetOrder(OpenIddictServerHandlers.ValidateClientSecret.Descriptor.Order + 100)
            .AddFilter<RequireTokenExchangeGrant>()
            .SetType(OpenIddictServerHandlerType.Custom)
            .Build();

    public ValueTask HandleAsync(ProcessAuthenticationContext context)
    {
        if (!string.IsNullOrEmpty(context.Request.ActorToken) || !string.IsNullOrEmpty(context.Request.ActorTokenType))
        {
            context.Reject(Errors.InvalidRequest, "Delegation is not supported: send no actor token.");
        }

        return default;
    }
}
