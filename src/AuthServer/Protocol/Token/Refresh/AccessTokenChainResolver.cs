using OpenIddict.Abstractions;
using OpenIddict.Server;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace AuthServer.Protocol.Token.Refresh;

/// <summary>
/// Ties an access token, which has no row (<see cref="AccessTokenStorage"/>), to its refresh chain
/// through the authorization id signed into it, so that OpenIddict's authorization check runs for it
/// as it runs for stored tokens: once the chain is revoked (its refresh token revoked, or a replay),
/// introspection answers <c>active: false</c> for every access token of the chain.
/// </summary>
public sealed class AccessTokenChainResolver : IOpenIddictServerHandler<ValidateTokenContext>
{
    public static OpenIddictServerHandlerDescriptor Descriptor { get; } =
        OpenIddictServerHandlerDescriptor.CreateBuilder<ValidateTokenContext>()
            .UseSingletonHandler<AccessTokenChainResolver>()
            .SetOrder(OpenIddictServerHandlers.Protection.ValidateAuthorizationEntry.Descriptor.Order - 500)
            .SetType(OpenIddictServerHandlerType.Custom)
            .Build();

    public ValueTask HandleAsync(ValidateTokenContext context)
    {
        if (string.IsNullOrEmpty(context.AuthorizationId) && string.IsNullOrEmpty(context.TokenId)
            && context.Principal is { } principal
            && principal.HasTokenType(OpenIddictConstants.TokenTypeIdentifiers.AccessToken))
        {
            context.AuthorizationId = principal.GetAuthorizationId();
        }

        return default;
    }
}
