using System.Net;
using System.Net.Sockets;

namespace AuthServer.Bubble;

/// <summary>
/// Where a Bubble app may be, with <c>Bubble:AllowPrivateAddresses=false</c> (the default outside Development): on
/// the public internet only. A URL must be https on a public host name, and every address its name resolves to must
/// be public: not loopback, private (RFC 1918, unique local), carrier-grade NAT, link-local (where cloud metadata
/// services answer, 169.254.169.254), unspecified, multicast or reserved, nor an IPv6 address that embeds such an
/// IPv4 address (6to4, IPv4-translated, NAT64) or whose IPv4 end cannot be checked (Teredo, local-use NAT64).
/// Otherwise an admin (or a configuration) could make AuthServer probe the network it runs in.
/// </summary>
public static class BubbleAddresses
{
    public const string Refusal = "must be on the public internet: https on a public host name, not a loopback, private or "
        + "link-local address (Bubble:AllowPrivateAddresses is false)";

    /// <summary>Why <paramref name="url"/> (an absolute URL) cannot be a Bubble app's as written, or null. No DNS.</summary>
    public static string? CheckShape(Uri url, bool allowPrivateAddresses)
    {
        if (allowPrivateAddresses)
        {
            return null;
        }

        var host = url.IdnHost.TrimEnd('.');
        var privateName = host.Equals("localhost", StringComparison.OrdinalIgnoreCase)
            || host.EndsWith(".localhost", StringComparison.OrdinalIgnoreCase)
            || host.EndsWith(".local", StringComparison.OrdinalIgnoreCase)
            || host.EndsWith(".internal", StringComparison.OrdinalIgnoreCase)
            || (url.HostNameType == UriHostNameType.Dns && !host.Contains('.'));
        var privateLiteral = IPAddress.TryParse(url.Host.Trim('[', ']'), out var literal) && !IsPublic(literal);
        return url.Scheme != Uri.UriSchemeHttps || privateName || privateLiteral ? Refusal : null;
    }

    /// <summary>
    /// <see cref="CheckShape"/>, then the addresses the host name resolves to now. A name that does not resolve is not
    /// refused here: calls are checked again at connection time (<see cref="ConnectAsync"/>).
    /// </summary>
    public static async Task<string?> CheckAsync(Uri url, bool allowPrivateAddresses, CancellationToken cancellationToken)
    {
        if (CheckShape(url, allowPrivateAddresses) is { } problem)
        {
            return problem;
        }

        if (allowPrivateAddresses || url.HostNameType != UriHostNameType.Dns)
        {
            return null;
        }

        try
        {
            var addresses = await Dns.GetHostAddressesAsync(url.IdnHost, cancellationToken);
            return addresses.All(IsPublic) ? null : Refusal;
        }
        catch (SocketException)
        {
            return null;
        }
    }

    /// <summary>
    /// The connection of every call to a Bubble app (SocketsHttpHandler's ConnectCallback): the name is resolved here
    /// and the connection goes only to an address just checked, so a name that resolves to a public address at
    /// registration and to a private one later (DNS rebinding) is refused all the same.
    /// </summary>
    public static async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        var endpoint = context.DnsEndPoint;
        var addresses = IPAddress.TryParse(endpoint.Host.Trim('[', ']'), out var literal)
            ? [literal]
            : await Dns.GetHostAddressesAsync(endpoint.Host, cancellationToken);
        if (addresses.Length == 0 || !addresses.All(IsPublic))
        {
            throw new PrivateAddressRefusedException();
        }

        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(addresses, endpoint.Port, cancellationToken);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    public static bool IsPublic(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (IPAddress.IsLoopback(address) || address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any))
        {
            return false;
        }

        var b = address.GetAddressBytes();
        if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            return !(b[0] is 0 or 10 or 127 or >= 224                    // this network, private, loopback, multicast and reserved
                || (b[0] == 100 && b[1] is >= 64 and < 128)              // carrier-grade NAT
                || (b[0] == 169 && b[1] == 254)                          // link-local, cloud metadata
                || (b[0] == 172 && b[1] is >= 16 and < 32)               // private
                || (b[0] == 192 && b[1] == 168)                          // private
                || (b[0] == 192 && b[1] == 0 && b[2] is 0 or 2)          // IETF protocol assignments, documentation
                || (b[0] == 198 && b[1] is 18 or 19));                   // benchmarking
        }

        // IPv6 forms that carry an IPv4 address: a relay or translator on the way may deliver them to that IPv4
        // address, so they are as public as the address they embed.
        if (EmbeddedIPv4(b) is { } embedded)
        {
            return IsPublic(embedded);
        }

        return !(address.IsIPv6LinkLocal || address.IsIPv6SiteLocal || address.IsIPv6Multicast || address.IsIPv6Teredo
            || (b[0] & 0xfe) == 0xfc                                     // unique local (fc00::/7), AWS metadata fd00:ec2::254
            || (b[0] == 0x20 && b[1] == 0x01 && b[2] == 0x0d && b[3] == 0xb8) // documentation
            || StartsWith(b, 0x00, 0x64, 0xff, 0x9b)                     // rest of 64:ff9b::/32: local-use NAT64 (RFC 8215), unassigned
            || b.Take(12).All(x => x == 0));                             // IPv4-compatible (deprecated, ::/96) and unspecified
    }

    /// <summary>
    /// The IPv4 address inside 6to4 (2002::/16, RFC 3056: bytes 2-5), IPv4-translated (::ffff:0:0/96, RFC 2765)
    /// and well-known NAT64 (64:ff9b::/96, RFC 6052) addresses; null for any other.
    /// </summary>
    private static IPAddress? EmbeddedIPv4(byte[] b)
    {
        if (b[0] == 0x20 && b[1] == 0x02)
        {
            return new IPAddress(b[2..6]);
        }

        var translated = b.Take(8).All(x => x == 0) && b[8] == 0xff && b[9] == 0xff && b[10] == 0 && b[11] == 0;
        var nat64 = StartsWith(b, 0x00, 0x64, 0xff, 0x9b) && b[4..12].All(x => x == 0);
        return translated || nat64 ? new IPAddress(b[12..]) : null;
    }

    private static bool StartsWith(byte[] bytes, params byte[] prefix) => bytes.AsSpan().StartsWith(prefix);
}

/// <summary>A Bubble app's name resolved to an address that is not public, with <c>Bubble:AllowPrivateAddresses=false</c>.</summary>
public sealed class PrivateAddressRefusedException() : IOException("The Bubble app's address is not public (Bubble:AllowPrivateAddresses is false).");
