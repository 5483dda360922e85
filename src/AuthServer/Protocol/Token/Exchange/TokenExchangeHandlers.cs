using System.Collections.Immutable;
using OpenIddict.Server;

namespace AuthServer.Protocol.Token.Exchange;

/// <summary>
/// The token exchange grant's own handlers (RFC 8693, Bubble user tokens as subject tokens); those of every grant
/// are in <see cref="TokenHandlers"/>. In the order a request meets them.
/// </summary>
public static class TokenExchangeHandlers
{
    public static ImmutableArray<OpenIddictServerHandlerDescriptor> DefaultHandlers { get; } =
    [
        // ProcessAuthentication: no delegation, before the subject token is validated.
        ActorTokenRefusal.Descriptor,

        // ValidateToken: Bubble says whose token it is, in place of OpenIddict's JWT validation.
        BubbleSubjectTokenValidator.Descriptor,

        // HandleTokenRequest: the client, the granted scopes and their audiences, the chain's Bubble app.
        TokenExchangePrincipalHandler.Descriptor,

        // ProcessSignIn: a chain begun is the Bubble user's session, with its absolute end and its Bubble token.
        SessionRecorder.Descriptor,
    ];
}
