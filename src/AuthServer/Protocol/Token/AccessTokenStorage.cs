using OpenIddict.Abstractions;
using OpenIddict.Server;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace AuthServer.Protocol.Token;

/// <summary>
/// Access tokens get no row in the store, whatever the grant. A row was one serialised SQLite write per
/// token, most of what issuing one cost, and all it added was revoking that one token at introspection:
/// APIs validate the JWT offline, so a revocation never reached them anyway. An access token stays
/// valid until it expires (<c>Auth:AccessTokenLifetime</c>); revoking it is answered
/// <c>unsupported_token_type</c> (RFC 7009 §2.2.1). An access token of a refresh chain still carries
/// the chain's authorization id, so revoking the chain (its refresh token, or a replay) makes
/// introspection answer <c>active: false</c> for it. Refresh tokens keep their rows: they carry
/// rotation, replay detection and chain revocation.
/// </summary>
public sealed class AccessTokenStorage : IOpenIddictServerHandler<GenerateTokenContext>
{
    public static OpenIddictServerHandlerDescriptor Descriptor { get; } =
        OpenIddictServerHandlerDescriptor.CreateBuilder<GenerateTokenContext>()
            .UseSingletonHandler<AccessTokenStorage>()
            .SetOrder(OpenIddictServerHandlers.Protection.CreateTokenEntry.Descriptor.Order - 100)
            .SetType(OpenIddictServerHandlerType.Custom)
            .Build();

    public ValueTask HandleAsync(GenerateTokenContext context)
    {
        if (context.TokenType == OpenIddictConstants.TokenTypeIdentifiers.AccessToken)
        {
            context.CreateTokenEntry = false;
        }

        return default;
    }
}
