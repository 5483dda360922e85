using OpenIddict.Server;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace AuthServer.Protocol.Filters;

/// <summary>A request of an endpoint where the client authenticates: token, introspection or revocation.</summary>
public sealed class RequireClientAuthenticationRequest : IOpenIddictServerHandlerFilter<BaseContext>
{
    public ValueTask<bool> IsActiveAsync(BaseContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return new(context.EndpointType is OpenIddictServerEndpointType.Token or OpenIddictServerEndpointType.Introspection
            or OpenIddictServerEndpointType.Revocation);
    }
}
