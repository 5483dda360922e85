using AuthServer.Sessions;
using AuthServer.Options;
using Microsoft.Extensions.Options;
using OpenIddict.Abstractions;
using OpenIddict.Server;
using static OpenIddict.Abstractions.OpenIddictConstants;
using static OpenIddict.Server.OpenIddictServerEvents;
using AuthServer.Operations.Logging;
using AuthServer.Operations.Telemetry;
using AuthServer.Protocol.Filters;

namespace AuthServer.Protocol.Token.Refresh;

/// <summary>
/// Redeems a refresh token exactly once. OpenIddict marks the token redeemed but ignores whether that
/// write won (it allows reuse within the leeway), so two requests that validated the same token at the
/// same instant both got new tokens. Here the store's optimistic concurrency token settles it: the
/// request whose redemption loses is a reuse at that very instant, allowed only when the reuse leeway
/// is above zero; with a leeway of zero it is a replay, and the chain is revoked.
/// </summary>
public sealed class RefreshTokenRedemption(
    IOpenIddictTokenManager tokens,
    SessionChains chains,
    IOptions<AuthOptions> auth,
    AuthServerMetrics metrics,
    ILogger<RefreshTokenRedemption> logger) : IOpenIddictServerHandler<ProcessSignInContext>
{
    public static OpenIddictServerHandlerDescriptor Descriptor { get; } =
        OpenIddictServerHandlerDescriptor.CreateBuilder<ProcessSignInContext>()
            .UseScopedHandler<RefreshTokenRedemption>()
            .SetOrder(OpenIddictServerHandlers.RedeemTokenEntry.Descriptor.Order - 100)
            .AddFilter<RequireRefreshTokenGrant>()
            .SetType(OpenIddictServerHandlerType.Custom)
            .Build();

    public async ValueTask HandleAsync(ProcessSignInContext context)
    {
        if (context.Transaction.GetProperty<ProcessAuthenticationContext>(typeof(ProcessAuthenticationContext).FullName!)
                ?.RefreshTokenPrincipal is not { } principal
            || principal.GetTokenId() is not { Length: > 0 } tokenId
            || await tokens.FindByIdAsync(tokenId, context.CancellationToken) is not { } entry
            || await tokens.HasStatusAsync(entry, Statuses.Redeemed, context.CancellationToken) // a reuse OpenIddict has already allowed
            || await tokens.TryRedeemAsync(entry, context.CancellationToken)
            || auth.Value.RefreshTokenReuseLeeway > TimeSpan.Zero)
        {
            return;
        }

        if (principal.GetAuthorizationId() is { Length: > 0 } authorizationId)
        {
            await chains.EndAsync(authorizationId, context.CancellationToken);
        }

        logger.RefreshTokenReplayed(context.Request.ClientId ?? "", principal.GetClaim(Claims.Subject) ?? "");
        metrics.RefreshReplay(context.Request.ClientId ?? "");
        context.Reject(Errors.InvalidGrant, "The refresh token has already been redeemed.");
    }
}
