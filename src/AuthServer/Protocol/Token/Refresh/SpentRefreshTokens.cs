using AuthServer.Options;
using Microsoft.Extensions.Options;
using OpenIddict.Abstractions;
using static OpenIddict.Abstractions.OpenIddictConstants;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace AuthServer.Protocol.Token.Refresh;

/// <summary>
/// Recognises a refresh token that was already rotated and whose reuse leeway has run out: redeeming
/// it again is a replay (OpenIddict then revokes the chain), and reading it finds it inactive.
/// </summary>
public sealed class SpentRefreshTokens(IOpenIddictTokenManager tokens, IOptions<AuthOptions> auth, TimeProvider clock)
{
    public async ValueTask<bool> IsSpentAsync(ValidateTokenContext context)
    {
        if (context.Principal is not { } principal || principal.GetTokenType() != TokenTypeIdentifiers.RefreshToken
            || principal.GetTokenId() is not { Length: > 0 } id
            || await tokens.FindByIdAsync(id, context.CancellationToken) is not { } entry
            || !await tokens.HasStatusAsync(entry, Statuses.Redeemed, context.CancellationToken))
        {
            return false;
        }

        var redeemed = await tokens.GetRedemptionDateAsync(entry, context.CancellationToken);
        return redeemed is null || redeemed + auth.Value.RefreshTokenReuseLeeway <= clock.GetUtcNow();
    }
}
