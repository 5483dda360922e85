using System.Net;
using System.Text.Json;
using AuthServer.Tests.Infrastructure;
using Microsoft.IdentityModel.JsonWebTokens;

namespace AuthServer.Tests.Protocol.Token.Exchange;

public sealed class TokenExchangeTests : ExchangeTest
{
    [Fact]
    public async Task Exchange_then_me_then_refresh_then_the_new_token_works()
    {
        var bubbleToken = await LogInAsync(Bubble.Url);

        var exchanged = await ExchangeAsync(bubbleToken);

        Assert.Equal(200, exchanged.Status);
        Assert.Equal("urn:ietf:params:oauth:token-type:access_token", exchanged["issued_token_type"]);
        Assert.Equal("Bearer", exchanged["token_type"]);
        Assert.Equal("sample-api.read offline_access", exchanged["scope"]);
        Assert.NotNull(exchanged["expires_in"]);
        Assert.False(string.IsNullOrEmpty(exchanged["refresh_token"]));

        var me = await MeAsync(exchanged.AccessToken);
        Assert.Equal(User.Id, me.GetProperty("sub").GetString());
        Assert.Equal(UserEmail, me.GetProperty("email").GetString());
        Assert.Equal(BubbleClient, me.GetProperty("client_id").GetString());

        var refreshed = await RefreshAsync(exchanged["refresh_token"]!);
        Assert.Equal(200, refreshed.Status);
        Assert.NotEqual(exchanged["refresh_token"], refreshed["refresh_token"]);
        Assert.Equal(User.Id, (await MeAsync(refreshed.AccessToken)).GetProperty("sub").GetString());
        Assert.Equal(HttpStatusCode.OK, (await CallApiAsync("/data", refreshed.AccessToken)).StatusCode);
    }

    [Fact]
    public async Task Exchanged_token_carries_the_user_the_client_and_the_chosen_bubble_fields()
    {
        var token = new JsonWebToken((await ExchangeAsync(await LogInAsync(Bubble.Url))).AccessToken);

        Assert.Equal("at+jwt", token.Typ);
        Assert.Equal(Server.Url, token.Issuer);
        Assert.Equal(User.Id, token.Subject);
        Assert.Equal(UserEmail, token.GetClaim("email").Value);
        Assert.Equal(BubbleClient, token.GetClaim("client_id").Value);
        Assert.Equal(["sample-api"], token.Audiences);
        Assert.Equal("sample-api.read offline_access", token.GetClaim("scope").Value);
        Assert.Equal("pro", token.GetPayloadValue<string>("plan"));
        Assert.Equal(3, token.GetPayloadValue<long>("seats"));
        Assert.True(token.GetPayloadValue<bool>("verified"));
        Assert.False(token.TryGetPayloadValue<object>("address", out _), "an object field must not become a claim");
        Assert.True(Logs.HasEvent(3004), "the skipped object field is logged as a configuration warning");
        Assert.Equal(token.GetPayloadValue<long>("iat"), token.GetPayloadValue<long>("nbf"));
    }

    [Fact]
    public async Task Without_scope_the_exchange_grants_the_clients_scopes_but_no_refresh_token()
    {
        var exchanged = await ExchangeAsync(await LogInAsync(Bubble.Url), scope: null);

        Assert.Equal(200, exchanged.Status);
        Assert.Equal("sample-api.read", exchanged["scope"]);
        Assert.Null(exchanged["refresh_token"]);
    }

    [Fact]
    public async Task Version_test_client_exchanges_version_test_tokens()
    {
        Bubble.Simulator.VersionTest.AddUser(UserEmail, UserPassword);

        var exchanged = await ExchangeAsync(await LogInAsync(Bubble.VersionTestUrl), clientId: TestVersionClient,
            secret: BubbleSecret + 2);

        Assert.Equal(200, exchanged.Status);
    }

    [Fact]
    public async Task Jose_accepts_an_exchanged_token()
    {
        var token = (await ExchangeAsync(await LogInAsync(Bubble.Url))).AccessToken;

        var (exitCode, output) = await NodeVerifier.VerifyAsync(Server.Url, "sample-api", token);

        Assert.True(exitCode == 0, output);
        Assert.Equal(User.Id, JsonDocument.Parse(output).RootElement.GetProperty("payload").GetProperty("sub").GetString());
    }

    private async Task<JsonElement> MeAsync(string accessToken)
    {
        var response = await CallApiAsync("/me", accessToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
    }
}
