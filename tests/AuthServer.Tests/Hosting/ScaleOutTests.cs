using System.Net;
using System.Text.Json;
using AuthServer.Keys;
using AuthServer.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace AuthServer.Tests.Hosting;

/// <summary>
/// Two nodes behind one load balancer (one issuer) on one store: whichever node a request lands on,
/// the answer is the same. Run on SQLite and on PostgreSQL (see <see cref="TestStore"/>).
/// </summary>
public sealed class ScaleOutTests : ExchangeTest
{
    private AuthServerInstance _nodeB = null!;
    private TokenClient _tokensB = null!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        _nodeB = await StartSecondNodeAsync();
        _tokensB = new TokenClient(_nodeB.Url);
    }

    public override async Task DisposeAsync()
    {
        _tokensB.Dispose();
        await _nodeB.DisposeAsync();
        await base.DisposeAsync();
    }

    [Fact]
    public async Task Exchange_at_node_a_refresh_at_node_b_and_again_at_node_a()
    {
        var exchanged = await ExchangeAsync(await LogInAsync(Bubble.Url));
        var atB = await RefreshAtBAsync(exchanged["refresh_token"]!);
        var atA = await RefreshAsync(atB["refresh_token"]!);

        Assert.Equal(200, atB.Status);
        Assert.Equal(200, atA.Status);
        Assert.Equal(HttpStatusCode.OK, (await CallApiAsync("/me", atA.AccessToken)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await CallApiAsync("/me", atB.AccessToken)).StatusCode);
    }

    [Fact]
    public async Task A_replay_after_the_leeway_at_the_other_node_revokes_the_whole_chain()
    {
        var first = (await ExchangeAsync(await LogInAsync(Bubble.Url)))["refresh_token"]!;
        var second = await RefreshAsync(first);
        Clock.Advance(TimeSpan.FromSeconds(31)); // past the default 30 s reuse leeway

        OAuthAssert.Error(await RefreshAtBAsync(first), 400, "invalid_grant");
        OAuthAssert.Error(await RefreshAsync(second["refresh_token"]!), 400, "invalid_grant");
        OAuthAssert.Error(await RefreshAtBAsync(second["refresh_token"]!), 400, "invalid_grant");
    }

    [Fact]
    public async Task A_client_added_with_the_cli_works_at_both_nodes()
    {
        var added = await CliRunner.RunAsync(DatabaseFile, Server.Url,
            "clients add --client-id robot --grant client_credentials --scope sample-api.read --secret robot-secret-123456");
        Assert.Equal(0, added.ExitCode);

        Assert.Equal(200, (await Tokens.ClientCredentialsAsync("robot", "robot-secret-123456")).Status);
        Assert.Equal(200, (await _tokensB.ClientCredentialsAsync("robot", "robot-secret-123456")).Status);
    }

    [Fact]
    public async Task Both_nodes_serve_one_issuer_and_one_key_set()
    {
        var tokenFromB = (await _tokensB.ClientCredentialsAsync()).AccessToken;

        Assert.Equal(await Tokens.Http.GetStringAsync("/.well-known/jwks"), await _tokensB.Http.GetStringAsync("/.well-known/jwks"));
        Assert.Equal(HttpStatusCode.OK, (await CallApiAsync("/data", tokenFromB)).StatusCode);
    }

    private Task<TokenResponse> RefreshAtBAsync(string refreshToken) => RefreshAtAsync(_tokensB, refreshToken);
}

/// <summary>Nodes started at the same moment on an empty store settle the first keys through the store.</summary>
public sealed class SimultaneousStartTests : IAsyncLifetime
{
    private readonly TestDirectory _directory = new();
    private readonly LogCapture _logs = new();

    [Fact]
    public async Task Three_nodes_started_at_once_on_an_empty_store_agree_on_one_active_key()
    {
        var database = _directory.File("empty.db");
        var nodes = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => AuthServerInstance.StartAsync(database, _logs)));
        try
        {
            var documents = new List<string>();
            foreach (var node in nodes)
            {
                using var tokens = new TokenClient(node.Url);
                documents.Add(await tokens.Http.GetStringAsync("/.well-known/jwks"));
                Assert.Equal(200, (await tokens.ClientCredentialsAsync()).Status);
            }

            Assert.Single(documents.Distinct());
            Assert.Equal(1, JsonDocument.Parse(documents[0]).RootElement.GetProperty("keys").GetArrayLength());
            await using var scope = nodes[0].Services.CreateAsyncScope();
            var keys = await scope.ServiceProvider.GetRequiredService<KeyManager>().ListAsync();
            Assert.Single(keys, k => k.State == KeyState.Active);
            Assert.Equal(1L, Convert.ToInt64(await TestStore.ExecuteAsync(database,
                "SELECT count(*) FROM \"AuthKeys\" WHERE \"Use\" = 'enc'", scalar: true), System.Globalization.CultureInfo.InvariantCulture));
        }
        finally
        {
            foreach (var node in nodes) await node.DisposeAsync();
        }
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync()
    {
        _directory.Dispose();
        return Task.CompletedTask;
    }
}
