using Microsoft.Extensions.Options;
using OpenIddict.Server;

namespace AuthServer.Protocol.Discovery;

/// <summary>The paths of the discovery documents and the JWKS, as OpenIddict is configured to serve them.</summary>
public sealed class MetadataPaths(IOptionsMonitor<OpenIddictServerOptions> options)
{
    private readonly Lazy<PathString[]> _paths = new(() =>
        [.. Relative(options.CurrentValue.ConfigurationEndpointUris), .. Relative(options.CurrentValue.JsonWebKeySetEndpointUris)]);

    public bool IsMetadata(PathString path) => _paths.Value.Any(p => p.Equals(path, StringComparison.OrdinalIgnoreCase));

    /// <summary>Where the discovery document is served (OpenID Connect's path first), for the service root's links.</summary>
    public PathString Discovery => Relative(options.CurrentValue.ConfigurationEndpointUris).FirstOrDefault();

    /// <summary>Where the JWKS is served.</summary>
    public PathString Jwks => Relative(options.CurrentValue.JsonWebKeySetEndpointUris).FirstOrDefault();

    /// <summary>OpenIddict's endpoint URIs that are paths on this server (not absolute URLs), as request paths.</summary>
    private static IEnumerable<PathString> Relative(IEnumerable<Uri> uris) =>
        uris.Where(uri => !uri.IsAbsoluteUri).Select(uri => new PathString("/" + uri.OriginalString.TrimStart('/')));
}
