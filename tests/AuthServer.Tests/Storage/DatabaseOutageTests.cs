#if POSTGRES
using System.Diagnostics;
using System.Net;
using AuthServer.Tests.Infrastructure;

namespace AuthServer.Tests.Storage;

/// <summary>
/// PostgreSQL stopped under two running nodes, then started again: the token endpoint answers 503
/// temporarily_unavailable (never a hang or a 500) and readiness fails, and both nodes recover by
/// themselves. The test runs its own PostgreSQL, since it stops it. (SQLite is a file in the node's
/// own machine and has no such outage.)
/// </summary>
public sealed class DatabaseOutageTests : IAsyncLifetime
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(20);

    private readonly TestDirectory _directory = new();
    private readonly LogCapture _logs = new();
    private readonly List<AuthServerInstance> _nodes = [];
    private string _cluster = "";

    public async Task InitializeAsync()
    {
        _cluster = Path.Combine(Path.GetTempPath(), $"authserver-pg-outage-{Guid.NewGuid():N}");
        var connection = PostgresServer.StartCluster(_cluster) + ";Database=outage";
        var settings = new Dictionary<string, string?>
        {
            ["ConnectionStrings:AuthServer"] = connection,
            ["Database:RequestDeadline"] = "00:00:05",
        };
        _nodes.Add(await AuthServerInstance.StartAsync(_directory.File("outage.db"), _logs, settings));
        _nodes.Add(await AuthServerInstance.StartAsync(_directory.File("outage.db"), _logs,
            new Dictionary<string, string?>(settings) { ["Auth:Issuer"] = _nodes[0].Url }));
    }

    public async Task DisposeAsync()
    {
        foreach (var node in _nodes) await node.DisposeAsync();
        PostgresServer.Script("stop", _cluster);
        try { Directory.Delete(_cluster, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        _directory.Dispose();
    }

    [Fact]
    public async Task A_stopped_database_gives_503_and_not_ready_and_both_nodes_recover_when_it_returns()
    {
        var clients = _nodes.Select(n => new TokenClient(n.Url) { Http = { Timeout = TimeSpan.FromSeconds(60) } }).ToList();
        foreach (var client in clients) Assert.Equal(200, (await client.ClientCredentialsAsync()).Status);

        PostgresServer.Script("stop", _cluster);
        foreach (var client in clients)
        {
            // The client found a moment ago may be reused for up to a second; then the store is asked.
            var refused = await UntilAsync(() => client.ClientCredentialsAsync(), r => r.Status != 200);
            Assert.Equal(503, refused.Status);
            Assert.Equal("temporarily_unavailable", refused["error"]);
            Assert.NotNull(refused.Response.Headers.RetryAfter);

            var watch = Stopwatch.StartNew();
            var again = await client.ClientCredentialsAsync();
            Assert.Equal(503, again.Status);
            Assert.True(watch.Elapsed < Bound, $"a request to a node with a lost database took {watch.Elapsed}");
            Assert.Equal(HttpStatusCode.ServiceUnavailable, (await client.Http.GetAsync("/health/ready")).StatusCode);
        }

        Assert.Equal(0, PostgresServer.Script("resume", _cluster).ExitCode);
        foreach (var client in clients)
        {
            Assert.Equal(200, (await UntilAsync(() => client.ClientCredentialsAsync(), r => r.Status == 200)).Status);
            Assert.Equal(HttpStatusCode.OK, (await client.Http.GetAsync("/health/ready")).StatusCode);
            client.Dispose();
        }

        Assert.True(_logs.HasEvent(2006), "the outage was not logged (2006)");
    }

    [Fact]
    public async Task A_database_that_stops_answering_gives_503_within_the_deadline_while_keys_are_still_served()
    {
        using var client = new TokenClient(_nodes[0].Url) { Http = { Timeout = TimeSpan.FromSeconds(60) } };
        Assert.Equal(200, (await client.ClientCredentialsAsync()).Status);

        Signal("-STOP"); // the server and its backends freeze: connections are accepted, nothing is answered
        try
        {
            var watch = Stopwatch.StartNew();
            var refused = await UntilAsync(() => client.ClientCredentialsAsync(), r => r.Status != 200);
            Assert.Equal(503, refused.Status);
            Assert.Equal("temporarily_unavailable", refused["error"]);
            // a command already running when the server froze ends at its Command Timeout (10 s), then the deadline holds
            Assert.True(watch.Elapsed < Bound * 2, $"the first 503 came after {watch.Elapsed}");

            watch.Restart();
            Assert.Equal(503, (await client.ClientCredentialsAsync()).Status);
            Assert.True(watch.Elapsed < Bound, $"a token request took {watch.Elapsed} (deadline 5 s)");

            watch.Restart();
            Assert.Equal(HttpStatusCode.ServiceUnavailable, (await client.Http.GetAsync("/health/ready")).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await client.Http.GetAsync("/.well-known/jwks")).StatusCode);
            Assert.True(watch.Elapsed < Bound, $"readiness and the JWKS took {watch.Elapsed}");
        }
        finally
        {
            Signal("-CONT");
        }

        Assert.Equal(200, (await UntilAsync(() => client.ClientCredentialsAsync(), r => r.Status == 200)).Status);
    }

    /// <summary>Sends a signal to the cluster's postmaster and every backend it started.</summary>
    private void Signal(string signal)
    {
        var postmaster = File.ReadLines(Path.Combine(_cluster, "data", "postmaster.pid")).First().Trim();
        using var children = Process.Start("pkill", [signal, "-P", postmaster])!;
        children.WaitForExit();
        using var parent = Process.Start("kill", [signal, postmaster])!;
        parent.WaitForExit();
    }

    private static async Task<TokenResponse> UntilAsync(Func<Task<TokenResponse>> call, Func<TokenResponse, bool> done)
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            var response = await call();
            if (done(response) || deadline.Elapsed > Bound) return response;
            await Task.Delay(200);
        }
    }
}
#endif
