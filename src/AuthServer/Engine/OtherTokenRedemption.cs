using OpenIddict.Abstractions;
using OpenIddict.Server;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace AuthServer.Engine;

/// <summary>
/// OpenIddict's own redemption (<see cref="OpenIddictServerHandlers.RedeemTokenEntry"/>), in its place and
/// with its filters, for every token but refresh tokens, which the refresh grant redeems itself (Protocol/Token/Refresh):
/// OpenIddict would write the row a second time in every refresh, for nothing, and again on each allowed
/// reuse. A handler type of its own, because removing OpenIddict's handler removes every handler of its type.
/// </summary>
public sealed class OtherTokenRedemption(IOpenIddictTokenManager tokens) : IOpenIddictServerHandler<ProcessSignInContext>
{
    public static OpenIddictServerHandlerDescriptor Descriptor { get; } =
        OpenIddictServerHandlerDescriptor.CreateBuilder<ProcessSignInContext>()
            .Import(OpenIddictServerHandlers.RedeemTokenEntry.Descriptor)
            .UseScopedHandler<OtherTokenRedemption>()
            .SetType(OpenIddictServerHandlerType.Custom)
            .Build();

    private readonly OpenIddictServerHandlers.RedeemTokenEntry _redemption = new(tokens);

    public ValueTask HandleAsync(ProcessSignInContext context) =>
        context.EndpointType is OpenIddictServerEndpointType.Token && context.Request.IsRefreshTokenGrantType()
            ? default
            : _redemption.HandleAsync(context);
}
