using AuthServer.Keys;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using OpenIddict.Server;
using static OpenIddict.Abstractions.OpenIddictConstants;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace AuthServer.Protocol.Token.Refresh;

/// <summary>
/// Lets the signing keys that left the JWKS (expired or revoked, see <see cref="KeyTimeline.ValidationOnly"/>)
/// validate the refresh tokens they signed, so a refresh token lives its whole lifetime across rotations.
/// Nothing else may use them: they are offered only for encrypted tokens (a refresh token is a JWE under
/// our encryption key, so a signing key alone cannot make one), and a token they verify must be typed as
/// a refresh token; an access token signed by such a key stays invalid, at introspection as anywhere.
/// </summary>
public sealed class RefreshTokenValidationKeys(KeyRing ring) : IOpenIddictServerHandler<ValidateTokenContext>
{
    public static OpenIddictServerHandlerDescriptor Descriptor { get; } =
        OpenIddictServerHandlerDescriptor.CreateBuilder<ValidateTokenContext>()
            .UseSingletonHandler<RefreshTokenValidationKeys>()
            // After OpenIddict has built this validation's own copy of the parameters, before it validates.
            .SetOrder(OpenIddictServerHandlers.Protection.ResolveTokenValidationParameters.Descriptor.Order + 500)
            .SetType(OpenIddictServerHandlerType.Custom)
            .Build();

    public ValueTask HandleAsync(ValidateTokenContext context)
    {
        var keys = ring.Current.ValidationOnly;
        if (keys.Count == 0 || context.Principal is not null || context.TokenValidationParameters is not { } parameters
            || !MayBeRefreshToken(context) || !IsEncrypted(context.SecurityTokenHandler, context.Token))
        {
            return default;
        }

        parameters.IssuerSigningKeys = [.. parameters.IssuerSigningKeys ?? [], .. keys];
        var previous = parameters.IssuerSigningKeyValidator;
        parameters.ValidateIssuerSigningKey = true;
        parameters.IssuerSigningKeyValidator = (key, token, validation) =>
            (!keys.Contains(key) || IsRefreshToken(token)) && (previous?.Invoke(key, token, validation) ?? true);
        return default;
    }

    // The token endpoint asks for refresh tokens only; introspection and revocation accept several types.
    private static bool MayBeRefreshToken(ValidateTokenContext context) =>
        context.ValidTokenTypes.Count == 0 || context.ValidTokenTypes.Contains(TokenTypeIdentifiers.RefreshToken);

    private static bool IsEncrypted(JsonWebTokenHandler handler, string? token)
    {
        if (string.IsNullOrEmpty(token) || !handler.CanReadToken(token))
        {
            return false;
        }

        try
        {
            return handler.ReadJsonWebToken(token).IsEncrypted;
        }
        catch (ArgumentException)
        {
            return false; // malformed: OpenIddict's own validation rejects it
        }
    }

    // For a JWE, IdentityModel hands the signing-key check the decrypted inner token, whose typ it is.
    private static bool IsRefreshToken(SecurityToken token) =>
        token is JsonWebToken { Typ: JsonWebTokenTypes.Private.RefreshToken };
}
