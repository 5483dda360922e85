using OpenIddict.Abstractions;
using OpenIddict.Server;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace AuthServer.Grants;

/// <summary>
/// Keeps OpenIddict's own redemption (<see cref="OpenIddictServerHandlers.RedeemTokenEntry"/>) away from
/// refresh tokens, which <see cref="RefreshTokenRedemption"/> redeems instead: OpenIddict would write the
/// row a second time in every refresh, for nothing, and on an allowed reuse it would write it again.
/// </summary>
public sealed class RefreshGrantExcluded : IOpenIddictServerHandlerFilter<ProcessSignInContext>
{
    public static OpenIddictServerHandlerDescriptor RedeemOtherTokens { get; } =
        OpenIddictServerHandlerDescriptor.CreateBuilder<ProcessSignInContext>()
            .Import(OpenIddictServerHandlers.RedeemTokenEntry.Descriptor)
            .AddFilter<RefreshGrantExcluded>()
            .Build();

    public ValueTask<bool> IsActiveAsync(ProcessSignInContext context) =>
        new(context.EndpointType is not OpenIddictServerEndpointType.Token || !context.Request.IsRefreshTokenGrantType());
}
