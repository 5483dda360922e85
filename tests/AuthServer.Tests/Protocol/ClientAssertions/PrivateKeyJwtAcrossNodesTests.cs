using AuthServer.Tests.Infrastructure;

namespace AuthServer.Tests.Protocol.ClientAssertions;

/// <summary>
/// Two nodes on one store (one SQLite file, or one PostgreSQL database in the POSTGRES build): an assertion's jti is
/// used once across both, even when both receive it at the same instant. And failed assertions lock a client out as
/// wrong secrets do.
/// </summary>
public sealed class PrivateKeyJwtAcrossNodesTests : ServerTest
{
    private const string KeyClient = "key-script";
    private readonly ClientKeys _keys = new();
    private readonly ClientKeys _otherKeys = new();
    private AuthServerInstance _nodeB = null!;
    private TokenClient _tokensB = null!;

    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        // Above the race's 5 rounds of 3 refused replays (each a failed authentication, as a wrong secret is).
        ["RateLimits:FailedAuthenticationsBeforeLockout"] = "20",
        ["Clients:1:ClientId"] = KeyClient,
        ["Clients:1:Jwks"] = _keys.PublicJwks,
        ["Clients:1:GrantTypes:0"] = "client_credentials",
        ["Clients:1:Scopes:0"] = "sample-api.read",
    };

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        var settings = new Dictionary<string, string?>(Settings) { ["Auth:Issuer"] = Server.Url };
        _nodeB = await AuthServerInstance.StartAsync(DatabaseFile, Logs, settings);
        _tokensB = new TokenClient(_nodeB.Url);
    }

    private static Task<TokenResponse> PostAsync(TokenClient tokens, string assertion) =>
        tokens.PostAsync(ClientKeys.Form(assertion), clientId: null, secret: null);

    [Fact]
    public async Task An_assertion_used_at_one_node_is_refused_at_the_other()
    {
        var assertion = _keys.Assertion(KeyClient, Server.Url);

        Assert.Equal(200, (await PostAsync(Tokens, assertion)).Status);
        OAuthAssert.Error(await PostAsync(_tokensB, assertion), 401, "invalid_client");
        Assert.True(Logs.HasEvent(1031));

        // A fresh assertion still works at node B: the refusal was the replay, not the node.
        Assert.Equal(200, (await PostAsync(_tokensB, _keys.Assertion(KeyClient, Server.Url))).Status);
    }

    [Fact]
    public async Task Of_one_assertion_sent_to_both_nodes_at_once_exactly_one_is_served()
    {
        for (var round = 0; round < 5; round++)
        {
            var assertion = _keys.Assertion(KeyClient, Server.Url);
            var answers = await Task.WhenAll(
                PostAsync(Tokens, assertion), PostAsync(_tokensB, assertion), PostAsync(Tokens, assertion), PostAsync(_tokensB, assertion));

            Assert.Equal(1, answers.Count(a => a.Status == 200));
            Assert.All(answers.Where(a => a.Status != 200), a => OAuthAssert.Error(a, 401, "invalid_client"));
        }
    }

    [Fact]
    public async Task Failed_assertions_lock_the_client_out_even_for_a_valid_one()
    {
        for (var i = 0; i < 20; i++)
        {
            Assert.Equal(401, (await PostAsync(Tokens, _otherKeys.Assertion(KeyClient, Server.Url))).Status);
        }

        OAuthAssert.Error(await PostAsync(Tokens, _keys.Assertion(KeyClient, Server.Url)), 429, "temporarily_unavailable");
        Assert.Equal(200, (await Tokens.ClientCredentialsAsync()).Status); // another client is unaffected
    }

    public override async Task DisposeAsync()
    {
        _tokensB.Dispose();
        await _nodeB.DisposeAsync();
        await base.DisposeAsync();
        _keys.Dispose();
        _otherKeys.Dispose();
    }
}
