using OpenIddict.Server;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace AuthServer.Protocol.Filters;

/// <summary>
/// A token request of the client_credentials or the token exchange grant: the grants whose access is decided as soon
/// as the client is authenticated (a refresh's is decided once its token is read). Filters all have to pass, so
/// "either grant" needs a filter of its own.
/// </summary>
public sealed class RequireClientCredentialsOrTokenExchangeGrant : IOpenIddictServerHandlerFilter<BaseContext>
{
    public ValueTask<bool> IsActiveAsync(BaseContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return new(context.EndpointType is OpenIddictServerEndpointType.Token
            && (Grant.IsClientCredentials(context) || Grant.IsTokenExchange(context)));
    }
}
