using System.Net;
using System.Net.Sockets;

namespace AuthServer.Benchmarks.Processes;

public static class FreePort
{
    /// <summary>A loopback port free right now: the issuer must be known before AuthServer starts.</summary>
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public static string LoopbackUrl(int port) => $"http://127.0.0.1:{port}";
}
