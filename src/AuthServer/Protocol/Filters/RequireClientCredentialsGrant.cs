using OpenIddict.Server;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace AuthServer.Protocol.Filters;

/// <summary>A token request of the client_credentials grant (RFC 6749 §4.4).</summary>
public sealed class RequireClientCredentialsGrant : IOpenIddictServerHandlerFilter<BaseContext>
{
    public ValueTask<bool> IsActiveAsync(BaseContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return new(context.EndpointType is OpenIddictServerEndpointType.Token && Grant.IsClientCredentials(context));
    }
}
