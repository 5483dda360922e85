using OpenIddict.Server;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace AuthServer.Protocol.Filters;

/// <summary>Any request but a token request: a token read (introspection, revocation), never redeemed.</summary>
public sealed class RequireNonTokenRequest : IOpenIddictServerHandlerFilter<BaseContext>
{
    public ValueTask<bool> IsActiveAsync(BaseContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return new(context.EndpointType is not OpenIddictServerEndpointType.Token);
    }
}
