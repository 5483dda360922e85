using Microsoft.Extensions.DependencyInjection;
using System.Text.Json;
using AuthServer.Tests.Infrastructure;
using Microsoft.IdentityModel.JsonWebTokens;

namespace AuthServer.Tests.Protocol.Token.ClientCredentials;

public sealed class ClientCredentialsTests : InProcessServerTest
{
    [Fact]
    public async Task Client_credentials_token_is_an_rfc9068_jwt_with_every_contract_claim()
    {
        var before = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var response = await Tokens.ClientCredentialsAsync(scope: "sample-api.read");

        Assert.Equal(200, response.Status);
        Assert.Equal("Bearer", response["token_type"]);
        Assert.Equal("sample-api.read", response["scope"]);
        Assert.InRange(int.Parse(response["expires_in"]!, System.Globalization.CultureInfo.InvariantCulture), 3590, 3600);
        Assert.Null(response["refresh_token"]);
        Assert.Equal("no-store", response.Response.Headers.CacheControl?.ToString());

        var jwt = new JsonWebToken(response.AccessToken);
        Assert.Equal("at+jwt", jwt.Typ);
        Assert.Equal("RS256", jwt.Alg);
        Assert.Equal(await CurrentKidAsync(), jwt.Kid);
        Assert.Equal(Server.Url, jwt.Issuer);
        Assert.Equal(TestClients.Script, jwt.Subject);
        Assert.Equal(TestClients.Script, jwt.GetClaim("client_id").Value);
        Assert.Equal(["sample-api"], jwt.Audiences);
        Assert.Equal("sample-api.read", jwt.GetClaim("scope").Value);
        Assert.False(string.IsNullOrEmpty(jwt.Id));
        var iat = jwt.GetPayloadValue<long>("iat");
        Assert.InRange(iat, before - 5, before + 60);
        Assert.Equal(iat, jwt.GetPayloadValue<long>("nbf"));
        Assert.Equal(iat + 3600, jwt.GetPayloadValue<long>("exp"));
        Assert.False(jwt.IsEncrypted);
    }

    [Fact]
    public async Task Client_secret_post_works_like_basic()
    {
        var response = await Tokens.ClientCredentialsAsync(basic: false);

        Assert.Equal(200, response.Status);
        Assert.Equal(TestClients.Script, new JsonWebToken(response.AccessToken).Subject);
    }

    [Fact]
    public async Task Without_scope_the_client_gets_all_its_scopes()
    {
        var response = await Tokens.ClientCredentialsAsync();

        Assert.Equal("sample-api.read", response["scope"]);
        Assert.Equal("sample-api.read", new JsonWebToken(response.AccessToken).GetClaim("scope").Value);
    }

    private async Task<string> CurrentKidAsync()
    {
        var jwks = JsonDocument.Parse(await Tokens.Http.GetStringAsync("/.well-known/jwks")).RootElement;
        return jwks.GetProperty("keys")[0].GetProperty("kid").GetString()!;
    }
}

public sealed class ClientCredentialsRefreshTests : InProcessServerTest
{
    private const string Robot = "robot-with-refresh";
    private const string RobotSecret = "robot-with-refresh-secret-0123";

    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Clients:1:ClientId"] = Robot,
        ["Clients:1:ClientSecret"] = RobotSecret,
        ["Clients:1:GrantTypes:0"] = "client_credentials",
        ["Clients:1:GrantTypes:1"] = "refresh_token",
        ["Clients:1:Scopes:0"] = "sample-api.read",
        ["Clients:1:Scopes:1"] = "offline_access",
    };

    [Fact]
    public async Task Client_credentials_never_returns_a_refresh_token_even_when_offline_access_is_asked_for()
    {
        var response = await Tokens.ClientCredentialsAsync(Robot, RobotSecret, scope: "sample-api.read offline_access");

        Assert.Equal(200, response.Status);
        Assert.Null(response["refresh_token"]);
        Assert.Equal("sample-api.read", response["scope"]);
    }

    [Fact]
    public async Task Client_credentials_for_offline_access_alone_is_invalid_scope()
    {
        OAuthAssert.Error(await Tokens.ClientCredentialsAsync(Robot, RobotSecret, scope: "offline_access"), 400, "invalid_scope");
    }
}

public sealed class ClientCredentialsStorageTests : InProcessServerTest
{
    [Fact]
    public async Task A_client_credentials_token_has_no_row_introspects_active_and_cannot_be_revoked()
    {
        var before = await TokenRowsAsync();
        var token = (await Tokens.ClientCredentialsAsync()).AccessToken;

        Assert.Equal(before, await TokenRowsAsync());
        Assert.False(string.IsNullOrEmpty(new Microsoft.IdentityModel.JsonWebTokens.JsonWebToken(token).Id), "no jti");
        var introspection = await Tokens.IntrospectAsync(token, TestClients.Script, TestClients.ScriptSecret);
        Assert.True(introspection.GetProperty("active").GetBoolean(), introspection.ToString());
        Assert.Equal(TestClients.Script, introspection.GetProperty("client_id").GetString());

        var revoke = await Tokens.RevokeAsync(token, TestClients.Script, TestClients.ScriptSecret);
        Assert.Equal(400, (int)revoke.StatusCode);
        Assert.Contains("unsupported_token_type", await revoke.Content.ReadAsStringAsync());
    }

    private async Task<int> TokenRowsAsync()
    {
        await using var scope = Server.Services.CreateAsyncScope();
        var tokens = scope.ServiceProvider.GetRequiredService<OpenIddict.Abstractions.IOpenIddictTokenManager>();
        return (int)await tokens.CountAsync();
    }
}

public sealed class ScopeResourceStalenessTests : InProcessServerTest
{
    [Fact]
    public async Task A_scope_given_a_new_audience_in_the_store_grants_it_within_the_bound()
    {
        Assert.Equal(["sample-api"], new JsonWebToken((await Tokens.ClientCredentialsAsync()).AccessToken).Audiences);

        await using (var scope = Server.Services.CreateAsyncScope())
        {
            var scopes = scope.ServiceProvider.GetRequiredService<OpenIddict.Abstractions.IOpenIddictScopeManager>();
            var stored = await scopes.FindByNameAsync("sample-api.read") ?? throw new InvalidOperationException("no scope");
            var descriptor = new OpenIddict.Abstractions.OpenIddictScopeDescriptor();
            await scopes.PopulateAsync(descriptor, stored);
            descriptor.Resources.Add("extra-api");
            await scopes.UpdateAsync(stored, descriptor);
        }

        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (!new JsonWebToken((await Tokens.ClientCredentialsAsync()).AccessToken).Audiences.Contains("extra-api"))
        {
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"the new audience was not granted after {clock.Elapsed}");
            await Task.Delay(100);
        }
    }
}
