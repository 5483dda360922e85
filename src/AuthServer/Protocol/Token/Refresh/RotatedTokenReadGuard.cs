using OpenIddict.Server;
using static OpenIddict.Abstractions.OpenIddictConstants;
using static OpenIddict.Server.OpenIddictServerEvents;
using AuthServer.Protocol.Filters;

namespace AuthServer.Protocol.Token.Refresh;

/// <summary>
/// Only a redemption counts as a replay. OpenIddict revokes a whole refresh chain whenever a rotated
/// token is validated after the reuse leeway, even by introspection or revocation; there it would
/// let anyone holding an old token, or any client introspecting it, log the user out. Outside the
/// token endpoint a spent refresh token is simply inactive, and nothing changes.
/// </summary>
public sealed class RotatedTokenReadGuard(SpentRefreshTokens spent) : IOpenIddictServerHandler<ValidateTokenContext>
{
    public static OpenIddictServerHandlerDescriptor Descriptor { get; } =
        OpenIddictServerHandlerDescriptor.CreateBuilder<ValidateTokenContext>()
            .UseScopedHandler<RotatedTokenReadGuard>()
            .SetOrder(OpenIddictServerHandlers.Protection.ValidateTokenEntry.Descriptor.Order - 250)
            .AddFilter<RequireNonTokenRequest>()
            .SetType(OpenIddictServerHandlerType.Custom)
            .Build();

    public async ValueTask HandleAsync(ValidateTokenContext context)
    {
        if (await spent.IsSpentAsync(context))
        {
            context.Reject(Errors.InvalidToken, "The token has already been redeemed.");
        }
    }
}
