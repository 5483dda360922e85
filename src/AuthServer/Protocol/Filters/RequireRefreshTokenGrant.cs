using OpenIddict.Server;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace AuthServer.Protocol.Filters;

/// <summary>A token request of the refresh_token grant (RFC 6749 §6).</summary>
public sealed class RequireRefreshTokenGrant : IOpenIddictServerHandlerFilter<BaseContext>
{
    public ValueTask<bool> IsActiveAsync(BaseContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return new(context.EndpointType is OpenIddictServerEndpointType.Token && Grant.IsRefreshToken(context));
    }
}
