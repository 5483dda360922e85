using System.Diagnostics;
using System.Text.Json;
using AuthServer.Tests.Infrastructure;

namespace AuthServer.Tests.Keys;

/// <summary>
/// Two nodes on one store, with the default key ring refresh: a key revoked through the CLI leaves
/// both nodes' JWKS within the documented bound, and neither node ever signs with it again.
/// </summary>
public sealed class KeySetPropagationTests : IAsyncLifetime
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(5);
    private static readonly Dictionary<string, string?> DefaultRefresh = new() { ["Maintenance:KeyRingRefreshInterval"] = null };

    private readonly TestDirectory _directory = new();
    private readonly LogCapture _logs = new();
    private AuthServerInstance _nodeA = null!;
    private AuthServerInstance _nodeB = null!;

    public async Task InitializeAsync()
    {
        var database = _directory.File("shared.db");
        _nodeA = await AuthServerInstance.StartAsync(database, _logs, DefaultRefresh);
        _nodeB = await AuthServerInstance.StartAsync(database, _logs, DefaultRefresh);
    }

    public async Task DisposeAsync()
    {
        await _nodeA.DisposeAsync();
        await _nodeB.DisposeAsync();
        _directory.Dispose();
    }

    [Fact]
    public async Task A_key_revoked_by_the_cli_leaves_every_node_within_the_bound()
    {
        using var a = new TokenClient(_nodeA.Url);
        using var b = new TokenClient(_nodeB.Url);
        var kid = Assert.Single(await KidsAsync(a));
        Assert.Equal([kid], await KidsAsync(b));

        Assert.Equal(0, (await CliRunner.RunAsync(_directory.File("shared.db"), _nodeA.Url, $"keys revoke {kid} --yes")).ExitCode);
        var clock = Stopwatch.StartNew();
        while ((await KidsAsync(a)).Contains(kid) || (await KidsAsync(b)).Contains(kid))
        {
            Assert.True(clock.Elapsed < Bound, $"the revoked key was still published after {clock.Elapsed}");
            await Task.Delay(100);
        }

        foreach (var node in new[] { a, b })
        {
            var token = new Microsoft.IdentityModel.JsonWebTokens.JsonWebToken((await node.ClientCredentialsAsync()).AccessToken);
            Assert.NotEqual(kid, token.Kid);
        }
    }

    [Fact]
    public async Task A_key_rotated_by_the_cli_is_published_and_signs_at_every_node_within_the_bound()
    {
        using var a = new TokenClient(_nodeA.Url);
        using var b = new TokenClient(_nodeB.Url);
        var old = Assert.Single(await KidsAsync(a));

        Assert.Equal(0, (await CliRunner.RunAsync(_directory.File("shared.db"), _nodeA.Url, "keys rotate --now")).ExitCode);
        var clock = Stopwatch.StartNew();
        while (!await SignsWithNewKeyAsync(a) || !await SignsWithNewKeyAsync(b))
        {
            Assert.True(clock.Elapsed < Bound, $"a node still signed with the old key after {clock.Elapsed}");
            await Task.Delay(100);
        }

        var published = await KidsAsync(a);
        Assert.Equal(published, await KidsAsync(b));
        Assert.Contains(old, published); // the old key stays published for the tokens it signed
        Assert.Equal(2, published.Count);

        async Task<bool> SignsWithNewKeyAsync(TokenClient node) =>
            new Microsoft.IdentityModel.JsonWebTokens.JsonWebToken((await node.ClientCredentialsAsync()).AccessToken).Kid != old;
    }

    private static async Task<List<string>> KidsAsync(TokenClient client)
    {
        var json = JsonDocument.Parse(await client.Http.GetStringAsync("/.well-known/jwks")).RootElement;
        return [.. json.GetProperty("keys").EnumerateArray().Select(k => k.GetProperty("kid").GetString()!)];
    }
}
