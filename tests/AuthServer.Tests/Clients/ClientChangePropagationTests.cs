using System.Diagnostics;
using AuthServer.Tests.Infrastructure;
using AuthServer.Engine;

namespace AuthServer.Tests.Clients;

/// <summary>
/// Two nodes on one store, each remembering the clients it found for a second: a client removed or
/// given a new secret through the CLI stops working on every node within the bound, and a change
/// made through a node's own manager takes effect there at once.
/// </summary>
public sealed class ClientChangePropagationTests : IAsyncLifetime
{
    // The cache lifetime, plus room for a request on a loaded machine.
    private static readonly TimeSpan Bound = ApplicationSnapshotCache.Lifetime + TimeSpan.FromSeconds(2);

    private readonly TestDirectory _directory = new();
    private readonly LogCapture _logs = new();
    private AuthServerInstance _nodeA = null!;
    private AuthServerInstance _nodeB = null!;

    private string Database => _directory.File("shared.db");

    public async Task InitializeAsync()
    {
        _nodeA = await AuthServerInstance.StartAsync(Database, _logs);
        _nodeB = await AuthServerInstance.StartAsync(Database, _logs);
    }

    public async Task DisposeAsync()
    {
        await _nodeA.DisposeAsync();
        await _nodeB.DisposeAsync();
        _directory.Dispose();
    }

    [Fact]
    public async Task A_client_removed_by_the_cli_is_refused_by_every_node_within_the_bound()
    {
        await Cli("clients add --client-id robot --grant client_credentials --scope sample-api.read --secret robot-secret-0123456789");
        using var a = new TokenClient(_nodeA.Url);
        using var b = new TokenClient(_nodeB.Url);
        Assert.Equal(200, (await a.ClientCredentialsAsync("robot", "robot-secret-0123456789")).Status);
        Assert.Equal(200, (await b.ClientCredentialsAsync("robot", "robot-secret-0123456789")).Status);

        await Cli("clients remove robot");
        await AssertEveryNodeRefusesWithinTheBoundAsync([a, b], client => client.ClientCredentialsAsync("robot", "robot-secret-0123456789"));
    }

    [Fact]
    public async Task A_secret_replaced_by_the_cli_stops_working_on_every_node_within_the_bound()
    {
        using var a = new TokenClient(_nodeA.Url);
        using var b = new TokenClient(_nodeB.Url);
        Assert.Equal(200, (await a.ClientCredentialsAsync()).Status);
        Assert.Equal(200, (await b.ClientCredentialsAsync()).Status);

        await Cli($"clients set-secret {TestClients.Script} --secret new-secret-0123456789");
        await AssertEveryNodeRefusesWithinTheBoundAsync([a, b], client => client.ClientCredentialsAsync());
        Assert.Equal(200, (await a.ClientCredentialsAsync(secret: "new-secret-0123456789")).Status);
        Assert.Equal(200, (await b.ClientCredentialsAsync(secret: "new-secret-0123456789")).Status);
    }

    [Fact]
    public async Task A_permission_removed_through_a_nodes_own_manager_takes_effect_there_at_once()
    {
        using var a = new TokenClient(_nodeA.Url);
        Assert.Equal(200, (await a.ClientCredentialsAsync()).Status);

        await StoredClients.UpdateAsync(_nodeA.Services, TestClients.Script,
            descriptor => descriptor.Permissions.RemoveWhere(p => p.EndsWith(":client_credentials", StringComparison.Ordinal)));

        OAuthAssert.Error(await a.ClientCredentialsAsync(), 400, "unauthorized_client");
    }

    private async Task Cli(string commandLine) =>
        Assert.Equal(0, (await CliRunner.RunAsync(Database, _nodeA.Url, commandLine)).ExitCode);

    private static async Task AssertEveryNodeRefusesWithinTheBoundAsync(TokenClient[] nodes, Func<TokenClient, Task<TokenResponse>> request)
    {
        var clock = Stopwatch.StartNew();
        foreach (var node in nodes)
        {
            while ((await request(node)).Status == 200)
            {
                Assert.True(clock.Elapsed < Bound, $"the old client still worked after {clock.Elapsed}");
                await Task.Delay(50);
            }
        }

        // Once refused, never accepted again (no node falls back to an older copy).
        foreach (var node in nodes)
        {
            OAuthAssert.Error(await request(node), 401, "invalid_client");
        }
    }
}
