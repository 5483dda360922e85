using AuthServer.Sessions;
using OpenIddict.Abstractions;
using OpenIddict.Server;
using static OpenIddict.Abstractions.OpenIddictConstants;
using static OpenIddict.Server.OpenIddictServerEvents;
using AuthServer.Operations.Logging;
using AuthServer.Operations.Telemetry;

namespace AuthServer.Protocol.Token.Refresh;

/// <summary>
/// Notices a rotated refresh token redeemed again after the reuse leeway, just before OpenIddict
/// rejects it and revokes the chain's tokens; logs it as possible theft (client and subject, no token)
/// and revokes the chain's authorization too, so a refresh racing with the replay cannot keep it alive.
/// </summary>
public sealed class RefreshTokenReplayDetector(SpentRefreshTokens spent, SessionChains chains, AuthServerMetrics metrics,
    ILogger<RefreshTokenReplayDetector> logger)
    : IOpenIddictServerHandler<ValidateTokenContext>
{
    public static OpenIddictServerHandlerDescriptor Descriptor { get; } =
        OpenIddictServerHandlerDescriptor.CreateBuilder<ValidateTokenContext>()
            .UseScopedHandler<RefreshTokenReplayDetector>()
            .SetOrder(OpenIddictServerHandlers.Protection.ValidateTokenEntry.Descriptor.Order - 500)
            .AddFilter<OpenIddictServerHandlerFilters.RequireTokenRequest>()
            .SetType(OpenIddictServerHandlerType.Custom)
            .Build();

    public async ValueTask HandleAsync(ValidateTokenContext context)
    {
        if (await spent.IsSpentAsync(context))
        {
            var clientId = context.Principal!.GetPresenters().FirstOrDefault() ?? context.Transaction.Request?.ClientId ?? "";
            logger.RefreshTokenReplayed(clientId, context.Principal!.GetClaim(Claims.Subject) ?? "");
            metrics.RefreshReplay(clientId);
            if (context.Principal!.GetAuthorizationId() is { Length: > 0 } authorizationId)
            {
                await chains.EndAsync(authorizationId, context.CancellationToken);
            }
        }
    }
}
