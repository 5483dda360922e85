using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using AuthServer.Tests.Infrastructure;

namespace AuthServer.Tests.Protocol.Introspection;

public sealed class IntrospectionTests : ExchangeTest
{
    private const string ApiResource = "sample-api";
    private const string ApiResourceSecret = "sample-api-secret-0123456789";

    protected override IDictionary<string, string?> ExtraSettings => new Dictionary<string, string?>
    {
        ["Clients:5:ClientId"] = ApiResource,
        ["Clients:5:ClientSecret"] = ApiResourceSecret,
        ["Clients:5:GrantTypes:0"] = "client_credentials",
        // A client id equal to a resource must be declared as that API's resource server (issue 19, item 2).
        ["Clients:5:ResourceServer"] = "true",
    };

    [Fact]
    public async Task Valid_access_token_is_active_for_the_client_that_holds_it()
    {
        var token = (await ExchangeAsync(await LogInAsync(Bubble.Url))).AccessToken;

        var result = await IntrospectAsync(token);

        Assert.True(result.GetProperty("active").GetBoolean(), result.ToString());
        Assert.Equal(User.Id, result.GetProperty("sub").GetString());
        Assert.Equal(BubbleClient, result.GetProperty("client_id").GetString());
        Assert.Equal(Server.Url, result.GetProperty("iss").GetString());
        Assert.Equal("access_token", result.GetProperty("token_usage").GetString());
    }

    [Fact]
    public async Task The_api_named_in_aud_also_sees_scope_and_claims()
    {
        var token = (await ExchangeAsync(await LogInAsync(Bubble.Url))).AccessToken;

        var result = await IntrospectAsync(token, ApiResource, ApiResourceSecret);

        Assert.True(result.GetProperty("active").GetBoolean(), result.ToString());
        Assert.Equal("sample-api.read offline_access", result.GetProperty("scope").GetString());
        Assert.Equal(UserEmail, result.GetProperty("email").GetString());
        Assert.Equal("pro", result.GetProperty("plan").GetString());
    }

    [Fact]
    public async Task Expired_access_token_is_inactive()
    {
        var token = (await ExchangeAsync(await LogInAsync(Bubble.Url))).AccessToken;

        Clock.Advance(TimeSpan.FromHours(2));

        Assert.False((await IntrospectAsync(token)).GetProperty("active").GetBoolean());
    }

    [Fact]
    public async Task An_access_token_alone_cannot_be_revoked_and_stays_active_until_it_expires()
    {
        var token = (await ExchangeAsync(await LogInAsync(Bubble.Url))).AccessToken;

        var revoke = await RevokeAsync(token, BubbleClient, BubbleSecret);

        Assert.Equal(400, (int)revoke.StatusCode);
        Assert.Equal("unsupported_token_type", System.Text.Json.JsonDocument.Parse(await revoke.Content.ReadAsStringAsync()).RootElement.GetProperty("error").GetString());
        Assert.True((await IntrospectAsync(token)).GetProperty("active").GetBoolean());
    }

    [Fact]
    public async Task Refresh_token_is_active_until_revoked_and_then_stops_working_at_once()
    {
        var refresh = (await ExchangeAsync(await LogInAsync(Bubble.Url)))["refresh_token"]!;
        Assert.True((await IntrospectAsync(refresh)).GetProperty("active").GetBoolean());

        Assert.Equal(200, (int)(await RevokeAsync(refresh, BubbleClient, BubbleSecret)).StatusCode);

        Assert.False((await IntrospectAsync(refresh)).GetProperty("active").GetBoolean());
        OAuthAssert.Error(await RefreshAsync(refresh), 400, "invalid_grant");
    }

    [Fact]
    public async Task Expired_refresh_token_is_inactive()
    {
        var refresh = (await ExchangeAsync(await LogInAsync(Bubble.Url)))["refresh_token"]!;

        Clock.Advance(TimeSpan.FromDays(15));

        Assert.False((await IntrospectAsync(refresh)).GetProperty("active").GetBoolean());
    }

    [Fact]
    public async Task Another_client_learns_nothing_about_a_token_it_does_not_hold()
    {
        var token = (await ExchangeAsync(await LogInAsync(Bubble.Url))).AccessToken;

        var result = await IntrospectAsync(token, TestClients.Script, TestClients.ScriptSecret);

        Assert.False(result.GetProperty("active").GetBoolean());
        Assert.Single(result.EnumerateObject());
    }

    [Fact]
    public async Task Unauthenticated_introspection_is_refused()
    {
        var token = (await ExchangeAsync(await LogInAsync(Bubble.Url))).AccessToken;

        var response = await PostAsync("/connect/introspect", token, BubbleClient, "wrong-secret");

        Assert.Equal(401, (int)response.StatusCode);
        Assert.Equal("invalid_client", JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("error").GetString());
    }

    [Fact]
    public async Task A_public_client_may_not_introspect()
    {
        await StorePublicClientAsync("public-app"); // configuration and the CLI no longer create public clients
        var token = (await ExchangeAsync(await LogInAsync(Bubble.Url))).AccessToken;
        using var request = new HttpRequestMessage(HttpMethod.Post, "/connect/introspect")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["token"] = token, ["client_id"] = "public-app" }),
        };

        var response = await Tokens.Http.SendAsync(request);

        Assert.Equal(400, (int)response.StatusCode);
        var error = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.False(error.TryGetProperty("active", out _));
        Assert.Equal("unauthorized_client", error.GetProperty("error").GetString());
    }

    [Fact]
    public async Task Revoking_a_token_of_another_client_is_refused_with_invalid_request_and_revokes_nothing()
    {
        var refresh = (await ExchangeAsync(await LogInAsync(Bubble.Url)))["refresh_token"]!;

        var response = await RevokeAsync(refresh, TestClients.Script, TestClients.ScriptSecret);

        // RFC 7009 §2.1: the server verifies that the token was issued to the client; if not, the request is refused
        // and the client is told (§2.2.1, an RFC 6749 §5.2 error). Nothing is revoked.
        Assert.Equal(400, (int)response.StatusCode);
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
        var error = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("invalid_request", error.GetProperty("error").GetString());
        Assert.False(string.IsNullOrEmpty(error.GetProperty("error_description").GetString()));
        Assert.True((await IntrospectAsync(refresh)).GetProperty("active").GetBoolean());
        Assert.Equal(200, (await RefreshAsync(refresh)).Status);
    }

    [Fact]
    public async Task Revoking_an_unknown_token_is_200_as_RFC_7009_says()
    {
        Assert.Equal(200, (int)(await RevokeAsync("not-a-token-at-all", BubbleClient, BubbleSecret)).StatusCode);
    }

    [Fact]
    public async Task Introspecting_a_rotated_refresh_token_after_the_leeway_leaves_the_chain_alive()
    {
        var first = await ExchangeAsync(await LogInAsync(Bubble.Url));
        var rotated = await RefreshAsync(first["refresh_token"]!);
        Clock.Advance(TimeSpan.FromSeconds(45));

        var byOwner = await IntrospectAsync(first["refresh_token"]!, BubbleClient, BubbleSecret);
        var byApi = await IntrospectAsync(first["refresh_token"]!, ApiResource, ApiResourceSecret);

        Assert.False(byOwner.GetProperty("active").GetBoolean());
        Assert.False(byApi.GetProperty("active").GetBoolean());
        Assert.True((await IntrospectAsync(rotated.AccessToken, BubbleClient, BubbleSecret)).GetProperty("active").GetBoolean());
        Assert.Equal(200, (await RefreshAsync(rotated["refresh_token"]!)).Status);
        Assert.False(Logs.HasEvent(2002), "an introspection was logged as refresh token theft");
    }

    [Fact]
    public async Task Introspecting_a_rotated_refresh_token_within_the_leeway_answers_active_and_leaves_the_chain_alive()
    {
        var first = await ExchangeAsync(await LogInAsync(Bubble.Url));
        var rotated = await RefreshAsync(first["refresh_token"]!);
        Clock.Advance(TimeSpan.FromSeconds(5));

        // Within the leeway the rotated token can still be redeemed, so "inactive" would be false (RFC 7662 §2.2).
        Assert.True((await IntrospectAsync(first["refresh_token"]!, BubbleClient, BubbleSecret)).GetProperty("active").GetBoolean());
        Assert.Equal(200, (await RefreshAsync(rotated["refresh_token"]!)).Status);
        Assert.False(Logs.HasEvent(2002), "an introspection was logged as refresh token theft");
    }

    [Theory]
    [InlineData(BubbleClient, 5)] // the owner, within the reuse leeway
    [InlineData(BubbleClient, 45)] // the owner, after it
    [InlineData(ApiResource, 45)] // another client
    public async Task Revoking_a_rotated_refresh_token_leaves_the_chain_alive(string clientId, int secondsLater)
    {
        var first = await ExchangeAsync(await LogInAsync(Bubble.Url));
        var rotated = await RefreshAsync(first["refresh_token"]!);
        Clock.Advance(TimeSpan.FromSeconds(secondsLater));

        var secret = clientId == BubbleClient ? BubbleSecret : ApiResourceSecret;
        Assert.Equal(200, (int)(await RevokeAsync(first["refresh_token"]!, clientId, secret)).StatusCode);

        Assert.True((await IntrospectAsync(rotated.AccessToken)).GetProperty("active").GetBoolean());
        Assert.Equal(200, (await RefreshAsync(rotated["refresh_token"]!)).Status);
    }

    [Fact]
    public async Task Revoking_a_refresh_token_also_deactivates_the_access_tokens_of_its_chain()
    {
        var first = await ExchangeAsync(await LogInAsync(Bubble.Url));
        var second = await RefreshAsync(first["refresh_token"]!);

        Assert.Equal(200, (int)(await RevokeAsync(second["refresh_token"]!, BubbleClient, BubbleSecret)).StatusCode);

        foreach (var access in new[] { first.AccessToken, second.AccessToken })
        {
            Assert.False((await IntrospectAsync(access, BubbleClient, BubbleSecret)).GetProperty("active").GetBoolean());
        }

        OAuthAssert.Error(await RefreshAsync(second["refresh_token"]!), 400, "invalid_grant");
    }

    private Task<JsonElement> IntrospectAsync(string token, string clientId = BubbleClient, string secret = BubbleSecret) =>
        Tokens.IntrospectAsync(token, clientId, secret);

    private Task<HttpResponseMessage> RevokeAsync(string token, string clientId, string secret) => Tokens.RevokeAsync(token, clientId, secret);

    private Task<HttpResponseMessage> PostAsync(string path, string token, string clientId, string secret) =>
        Tokens.PostTokenAsync(path, token, clientId, secret);
}
