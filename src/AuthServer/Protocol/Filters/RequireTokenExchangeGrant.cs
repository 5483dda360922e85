using OpenIddict.Server;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace AuthServer.Protocol.Filters;

/// <summary>A token request of the token exchange grant (RFC 8693).</summary>
public sealed class RequireTokenExchangeGrant : IOpenIddictServerHandlerFilter<BaseContext>
{
    public ValueTask<bool> IsActiveAsync(BaseContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return new(context.EndpointType is OpenIddictServerEndpointType.Token && Grant.IsTokenExchange(context));
    }
}
