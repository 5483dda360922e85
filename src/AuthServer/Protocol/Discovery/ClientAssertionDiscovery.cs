using System.Collections.Immutable;
using AuthServer.Clients;
using OpenIddict.Server;
using static OpenIddict.Abstractions.OpenIddictConstants;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace AuthServer.Protocol.Discovery;

/// <summary>
/// RFC 8414 §2: a server that accepts <c>private_key_jwt</c> lists the algorithms it verifies assertions with. OpenIddict
/// lists the method but not the algorithms; these are the asymmetric ones of <see cref="ClientKeySet.Algorithms"/>,
/// for each endpoint that advertises the method.
/// </summary>
public sealed class ClientAssertionDiscovery : IOpenIddictServerHandler<HandleConfigurationRequestContext>
{
    public static OpenIddictServerHandlerDescriptor Descriptor { get; } =
        OpenIddictServerHandlerDescriptor.CreateBuilder<HandleConfigurationRequestContext>()
            .UseSingletonHandler<ClientAssertionDiscovery>()
            .SetOrder(OAuthOnlyDiscovery.Descriptor.Order + 500)
            .SetType(OpenIddictServerHandlerType.Custom)
            .Build();

    public ValueTask HandleAsync(HandleConfigurationRequestContext context)
    {
        Advertise(context, context.TokenEndpointAuthenticationMethods, Metadata.TokenEndpointAuthSigningAlgValuesSupported);
        Advertise(context, context.IntrospectionEndpointAuthenticationMethods, Metadata.IntrospectionEndpointAuthSigningAlgValuesSupported);
        Advertise(context, context.RevocationEndpointAuthenticationMethods, Metadata.RevocationEndpointAuthSigningAlgValuesSupported);
        return default;
    }

    private static void Advertise(HandleConfigurationRequestContext context, HashSet<string> methods, string metadata)
    {
        if (methods.Contains(ClientAuthenticationMethods.PrivateKeyJwt))
        {
            context.Metadata[metadata] = ClientKeySet.Algorithms.ToImmutableArray<string?>();
        }
    }
}
