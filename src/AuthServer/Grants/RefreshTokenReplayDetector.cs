using AuthServer.Logging;
using AuthServer.Options;
using Microsoft.Extensions.Options;
using OpenIddict.Abstractions;
using OpenIddict.Server;
using static OpenIddict.Abstractions.OpenIddictConstants;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace AuthServer.Grants;

/// <summary>
/// Notices a rotated refresh token redeemed again after the reuse leeway, just before OpenIddict
/// rejects it and revokes its whole chain, and logs it as possible theft (client and subject, no token).
/// </summary>
public sealed class RefreshTokenReplayDetector(
    IOpenIddictTokenManager tokens,
    IOptions<AuthOptions> auth,
    TimeProvider clock,
    ILogger<RefreshTokenReplayDetector> logger) : IOpenIddictServerHandler<ValidateTokenContext>
{
    public static OpenIddictServerHandlerDescriptor Descriptor { get; } =
        OpenIddictServerHandlerDescriptor.CreateBuilder<ValidateTokenContext>()
            .UseScopedHandler<RefreshTokenReplayDetector>()
            .SetOrder(OpenIddictServerHandlers.Protection.ValidateTokenEntry.Descriptor.Order - 500)
            .SetType(OpenIddictServerHandlerType.Custom)
            .Build();

    public async ValueTask HandleAsync(ValidateTokenContext context)
    {
        if (context.EndpointType is not OpenIddictServerEndpointType.Token
            || context.Principal is not { } principal || principal.GetTokenType() != TokenTypeIdentifiers.RefreshToken
            || principal.GetTokenId() is not { Length: > 0 } id
            || await tokens.FindByIdAsync(id, context.CancellationToken) is not { } entry
            || !await tokens.HasStatusAsync(entry, Statuses.Redeemed, context.CancellationToken))
        {
            return;
        }

        var redeemed = await tokens.GetRedemptionDateAsync(entry, context.CancellationToken);
        if (redeemed is null || redeemed + auth.Value.RefreshTokenReuseLeeway < clock.GetUtcNow())
        {
            logger.RefreshTokenReplayed(principal.GetPresenters().FirstOrDefault() ?? context.Transaction.Request?.ClientId ?? "",
                principal.GetClaim(Claims.Subject) ?? "");
        }
    }
}
