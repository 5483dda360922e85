using AuthServer.Logging;
using OpenIddict.Abstractions;
using OpenIddict.Server;
using static OpenIddict.Abstractions.OpenIddictConstants;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace AuthServer.Grants;

/// <summary>
/// Notices a rotated refresh token redeemed again after the reuse leeway, just before OpenIddict
/// rejects it and revokes its whole chain, and logs it as possible theft (client and subject, no token).
/// </summary>
public sealed class RefreshTokenReplayDetector(SpentRefreshTokens spent, ILogger<RefreshTokenReplayDetector> logger)
    : IOpenIddictServerHandler<ValidateTokenContext>
{
    public static OpenIddictServerHandlerDescriptor Descriptor { get; } =
        OpenIddictServerHandlerDescriptor.CreateBuilder<ValidateTokenContext>()
            .UseScopedHandler<RefreshTokenReplayDetector>()
            .SetOrder(OpenIddictServerHandlers.Protection.ValidateTokenEntry.Descriptor.Order - 500)
            .SetType(OpenIddictServerHandlerType.Custom)
            .Build();

    public async ValueTask HandleAsync(ValidateTokenContext context)
    {
        if (context.EndpointType is OpenIddictServerEndpointType.Token && await spent.IsSpentAsync(context))
        {
            logger.RefreshTokenReplayed(context.Principal!.GetPresenters().FirstOrDefault() ?? context.Transaction.Request?.ClientId ?? "",
                context.Principal!.GetClaim(Claims.Subject) ?? "");
        }
    }
}
