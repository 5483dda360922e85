using System.Collections.Immutable;
using OpenIddict.Server;

namespace AuthServer.Protocol.Token.Refresh;

/// <summary>
/// The refresh_token grant's own handlers, and those that guard refresh chains at every endpoint (README.md beside
/// this file describes the states of a refresh token and which handler moves it between them). Those of every
/// grant are in <see cref="TokenHandlers"/>. In the order a request meets them.
/// </summary>
public static class RefreshHandlers
{
    public static ImmutableArray<OpenIddictServerHandlerDescriptor> DefaultHandlers { get; } =
    [
        // ValidateToken, at every endpoint: keys, replay, reads of a rotated token, chains of access tokens.
        RefreshTokenValidationKeys.Descriptor,
        RefreshTokenReplayDetector.Descriptor,
        RotatedTokenReadGuard.Descriptor,
        AccessTokenChainResolver.Descriptor,

        // ValidateTokenRequest: a refresh narrows the scope, never widens it.
        RefreshScopeValidator.Descriptor,

        // HandleTokenRequest: the chain re-decided against the client as it is now.
        RefreshTokenPrincipalHandler.Descriptor,
        // ... then kept within its Bubble user's session: the absolute end, and Bubble asked whether the login holds.
        BubbleSessionCheck.Descriptor,

        // ProcessSignIn: redeemed exactly once; the access token gets the granted scopes.
        RefreshTokenRedemption.Descriptor,
        AccessTokenScopeHandler.Descriptor,
    ];
}
