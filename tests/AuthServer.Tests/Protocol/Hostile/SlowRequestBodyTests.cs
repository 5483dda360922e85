using System.Diagnostics;
using System.Net.Sockets;
using System.Text;
using AuthServer.Tests.Infrastructure;

namespace AuthServer.Tests.Protocol.Hostile;

/// <summary>
/// A client that sends complete headers with a Content-Length and then a trickle of the body, or
/// nothing at all, must not hold a connection (and a request) open forever: the server answers or
/// closes within a bound, and keeps serving everyone else.
/// </summary>
public sealed class SlowRequestBodyTests : ServerTest
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(20);

    [Theory]
    [InlineData("/connect/token", 0)]
    [InlineData("/connect/token", 1)]
    [InlineData("/connect/introspect", 0)]
    [InlineData("/connect/revoke", 1)]
    public async Task A_body_that_never_finishes_is_answered_or_closed_within_the_bound(string path, int bytesPerSecond)
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        var uri = new Uri(Server.Url);
        await socket.ConnectAsync(uri.Host, uri.Port);
        await using var stream = new NetworkStream(socket);
        var auth = Convert.ToBase64String(Encoding.UTF8.GetBytes($"{TestClients.Script}:{TestClients.ScriptSecret}"));
        await stream.WriteAsync(Encoding.ASCII.GetBytes(
            $"POST {path} HTTP/1.1\r\nHost: {uri.Authority}\r\nAuthorization: Basic {auth}\r\n"
            + "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 1000\r\n\r\ngrant_type"));

        var clock = Stopwatch.StartNew();
        using var timeout = new CancellationTokenSource(Bound);
        var answer = ReadUntilClosedAsync(stream, timeout.Token);
        while (bytesPerSecond > 0 && !answer.IsCompleted && !timeout.IsCancellationRequested)
        {
            await Task.Delay(TimeSpan.FromSeconds(1));
            try
            {
                await stream.WriteAsync("x"u8.ToArray());
            }
            catch (IOException)
            {
                break; // the server closed the connection
            }
        }

        var text = await answer;
        Assert.True(clock.Elapsed < Bound, $"the connection was still open after {clock.Elapsed}");
        Assert.True(text.Length == 0 || text.StartsWith("HTTP/1.1 408", StringComparison.Ordinal)
            || text.StartsWith("HTTP/1.1 400", StringComparison.Ordinal), $"unexpected answer: {text}");
        Assert.Equal(200, (await Tokens.ClientCredentialsAsync()).Status);
    }

    private static async Task<string> ReadUntilClosedAsync(Stream stream, CancellationToken cancellation)
    {
        var received = new MemoryStream();
        var buffer = new byte[4096];
        try
        {
            int read;
            while ((read = await stream.ReadAsync(buffer, cancellation)) > 0)
            {
                received.Write(buffer, 0, read);
            }
        }
        catch (IOException)
        {
            // a reset is a close too
        }
        catch (OperationCanceledException)
        {
            return "still open after the bound";
        }

        return Encoding.ASCII.GetString(received.ToArray());
    }
}
