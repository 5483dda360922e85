using System.Net;
using Microsoft.Extensions.Options;

namespace AuthServer.Options;

/// <summary>
/// The <c>ForwardedHeaders</c> section: the load balancers and gateways whose <c>X-Forwarded-For</c>
/// and <c>X-Forwarded-Proto</c> are believed. Nothing else is, loopback included.
/// </summary>
public sealed class ProxyOptions
{
    public const string Section = "ForwardedHeaders";

    /// <summary>Proxy addresses, e.g. <c>10.0.0.5</c>.</summary>
    public List<string> KnownProxies { get; set; } = [];

    /// <summary>Proxy networks in CIDR notation, e.g. <c>10.0.0.0/16</c>.</summary>
    public List<string> KnownNetworks { get; set; } = [];

    public bool Any => KnownProxies.Count > 0 || KnownNetworks.Count > 0;
}

public sealed class ProxyOptionsValidator : IValidateOptions<ProxyOptions>
{
    public ValidateOptionsResult Validate(string? name, ProxyOptions options)
    {
        var failures = new List<string>();
        for (var i = 0; i < options.KnownProxies.Count; i++)
        {
            if (!IsAddress(options.KnownProxies[i]))
            {
                failures.Add($"ForwardedHeaders:KnownProxies:{i} '{options.KnownProxies[i]}' is not an IP address.");
            }
        }

        for (var i = 0; i < options.KnownNetworks.Count; i++)
        {
            if (!IsNetwork(options.KnownNetworks[i]))
            {
                failures.Add($"ForwardedHeaders:KnownNetworks:{i} '{options.KnownNetworks[i]}' is not a network in CIDR notation (10.0.0.0/16).");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    // IPAddress.TryParse also takes legacy shorthands ("10.0.0" is 10.0.0.0), which are typos here.
    private static bool IsAddress(string text) =>
        IPAddress.TryParse(text, out var address)
        && (address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 || text.Count(c => c == '.') == 3);

    // A network written with host bits (10.0.0.1/8) most likely means something else than 10.0.0.0/8.
    private static bool IsNetwork(string text) =>
        text.Split('/') is [var address, _] && IsAddress(address)
        && IPNetwork.TryParse(text, out var network) && network.BaseAddress.Equals(IPAddress.Parse(address));
}
