using OpenIddict.Server;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace AuthServer.Protocol.Discovery;

/// <summary>
/// OpenIddict advertises its endpoints under the request's scheme and host even when the issuer is
/// configured; behind a proxy or a gateway that is an internal address. With <c>Auth:Issuer</c> set,
/// discovery lists every endpoint under the issuer, as the tokens' <c>iss</c> does.
/// </summary>
public sealed class IssuerBasedEndpoints : IOpenIddictServerHandler<HandleConfigurationRequestContext>
{
    public static OpenIddictServerHandlerDescriptor Descriptor { get; } =
        OpenIddictServerHandlerDescriptor.CreateBuilder<HandleConfigurationRequestContext>()
            .UseSingletonHandler<IssuerBasedEndpoints>()
            .SetOrder(OpenIddictServerHandlers.Discovery.AttachEndpoints.Descriptor.Order + 500)
            .SetType(OpenIddictServerHandlerType.Custom)
            .Build();

    public ValueTask HandleAsync(HandleConfigurationRequestContext context)
    {
        if (context.Options.Issuer is not { } issuer || context.BaseUri is not { } requestBase)
        {
            return default;
        }

        context.TokenEndpoint = Rebase(context.TokenEndpoint, requestBase, issuer);
        context.IntrospectionEndpoint = Rebase(context.IntrospectionEndpoint, requestBase, issuer);
        context.RevocationEndpoint = Rebase(context.RevocationEndpoint, requestBase, issuer);
        context.JsonWebKeySetEndpoint = Rebase(context.JsonWebKeySetEndpoint, requestBase, issuer);
        return default;
    }

    private static Uri? Rebase(Uri? endpoint, Uri requestBase, Uri issuer)
    {
        if (endpoint is null || !requestBase.IsBaseOf(endpoint))
        {
            return endpoint;
        }

        var relative = endpoint.AbsoluteUri[requestBase.AbsoluteUri.TrimEnd('/').Length..].TrimStart('/');
        return new Uri(new Uri(issuer.AbsoluteUri.TrimEnd('/') + "/"), relative);
    }
}
