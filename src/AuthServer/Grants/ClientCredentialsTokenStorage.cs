using OpenIddict.Abstractions;
using OpenIddict.Server;
using static OpenIddict.Abstractions.OpenIddictConstants;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace AuthServer.Grants;

/// <summary>
/// A client_credentials access token gets no row in the store. The row was one serialised SQLite
/// write per token, most of what issuing one cost, and it only let such a token be revoked at
/// introspection: APIs validate the JWT offline, so a revocation never reached them anyway. The token
/// stays valid until it expires (<c>Auth:AccessTokenLifetime</c>); revoking it is answered
/// <c>unsupported_token_type</c> (RFC 7009 §2.2.1). Tokens of the user grants keep their rows, which
/// carry refresh rotation, replay detection and chain revocation.
/// </summary>
public sealed class ClientCredentialsTokenStorage : IOpenIddictServerHandler<GenerateTokenContext>
{
    public static OpenIddictServerHandlerDescriptor Descriptor { get; } =
        OpenIddictServerHandlerDescriptor.CreateBuilder<GenerateTokenContext>()
            .UseSingletonHandler<ClientCredentialsTokenStorage>()
            .SetOrder(OpenIddictServerHandlers.Protection.CreateTokenEntry.Descriptor.Order - 100)
            .SetType(OpenIddictServerHandlerType.Custom)
            .Build();

    public ValueTask HandleAsync(GenerateTokenContext context)
    {
        if (context.TokenType == TokenTypeIdentifiers.AccessToken && context.Request?.IsClientCredentialsGrantType() == true)
        {
            context.CreateTokenEntry = false;
        }

        return default;
    }
}
