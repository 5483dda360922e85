using System.Collections.Immutable;
using OpenIddict.Server;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace AuthServer.Protocol.Discovery;

/// <summary>
/// The discovery document's handlers (RFC 8414 and OpenID Connect Discovery), and the issuer spelled exactly as
/// configured wherever a response names it (discovery and introspection).
/// </summary>
public static class DiscoveryHandlers
{
    public static ImmutableArray<OpenIddictServerHandlerDescriptor> DefaultHandlers { get; } =
    [
        // HandleConfigurationRequest: an OAuth-only document, its endpoints under the issuer.
        OAuthOnlyDiscovery.Descriptor,
        IssuerBasedEndpoints.Descriptor,
        ClientAssertionDiscovery.Descriptor,

        // Apply*Response: the issuer without the slash OpenIddict adds.
        CanonicalIssuerHandler<ApplyConfigurationResponseContext>.Descriptor,
        CanonicalIssuerHandler<ApplyIntrospectionResponseContext>.Descriptor,
    ];
}
