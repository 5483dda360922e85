using OpenIddict.Abstractions;
using OpenIddict.Server;
using static OpenIddict.Abstractions.OpenIddictConstants;
using static OpenIddict.Server.OpenIddictServerEvents;
using AuthServer.Operations.Logging;
using AuthServer.Sessions;

namespace AuthServer.Protocol.Revocation;

/// <summary>
/// RFC 7009 §2.1: revoking a refresh token also invalidates the access tokens of the same grant.
/// Every token of a chain shares one authorization, so the chain and the authorization go with the
/// live refresh token. Revoking one already rotated changes nothing else: only that token is marked.
/// </summary>
public sealed class RefreshChainRevocationHandler(SessionChains chains, ILogger<RefreshChainRevocationHandler> logger) : IOpenIddictServerHandler<HandleRevocationRequestContext>
{
    private const string LiveChainProperty = "authserver:revoked_live_refresh_chain";

    /// <summary>After OpenIddict revoked the token: takes the rest of a live chain with it.</summary>
    public static OpenIddictServerHandlerDescriptor Descriptor { get; } =
        OpenIddictServerHandlerDescriptor.CreateBuilder<HandleRevocationRequestContext>()
            .UseScopedHandler<RefreshChainRevocationHandler>()
            .SetOrder(OpenIddictServerHandlers.Revocation.RevokeToken.Descriptor.Order + 500)
            .SetType(OpenIddictServerHandlerType.Custom)
            .Build();

    public async ValueTask HandleAsync(HandleRevocationRequestContext context)
    {
        if (context.IsRejected || context.Transaction.GetProperty<string>(LiveChainProperty) is not { } authorizationId)
        {
            return;
        }

        var ended = await chains.EndAsync(authorizationId, context.CancellationToken);
        logger.RefreshChainRevoked(ended.RevokedTokens, context.Request.ClientId ?? "");
    }

    /// <summary>Before OpenIddict marks the token revoked: notes whether it is the live token of a chain.</summary>
    public sealed class LiveTokenMarker(IOpenIddictTokenManager tokens) : IOpenIddictServerHandler<HandleRevocationRequestContext>
    {
        public static OpenIddictServerHandlerDescriptor Descriptor { get; } =
            OpenIddictServerHandlerDescriptor.CreateBuilder<HandleRevocationRequestContext>()
                .UseScopedHandler<LiveTokenMarker>()
                .SetOrder(OpenIddictServerHandlers.Revocation.RevokeToken.Descriptor.Order - 500)
                .SetType(OpenIddictServerHandlerType.Custom)
                .Build();

        public async ValueTask HandleAsync(HandleRevocationRequestContext context)
        {
            if (context.GenericTokenPrincipal is { } principal && principal.GetTokenType() == TokenTypeIdentifiers.RefreshToken
                && principal.GetAuthorizationId() is { Length: > 0 } authorizationId
                && principal.GetTokenId() is { Length: > 0 } tokenId
                && await tokens.FindByIdAsync(tokenId, context.CancellationToken) is { } entry
                && await tokens.HasStatusAsync(entry, Statuses.Valid, context.CancellationToken))
            {
                context.Transaction.SetProperty(LiveChainProperty, authorizationId);
            }
        }
    }
}
