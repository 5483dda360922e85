using System.Net;
using System.Net.Sockets;

namespace AuthServer.Tests.Infrastructure;

public static class Ports
{
    /// <summary>A loopback port free right now, for a server whose issuer must be known before it starts.</summary>
    public static int Free()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
