using AuthServer.Tests.Infrastructure;

namespace AuthServer.Tests.Protocol.Token.Exchange;

/// <summary>
/// A subject token Bubble refuses (401) or that names no user is invalid: RFC 8693 §2.2.2 says the error MUST
/// be <c>invalid_request</c>, with a description that says why; <c>invalid_grant</c> stays for refresh tokens.
/// </summary>
public sealed class ExchangeRejectionTests : ExchangeTest
{
    [Fact]
    public async Task Invalid_subject_token_is_invalid_request_saying_the_bubble_token_is_invalid_expired_or_logged_out()
    {
        var token = await LogInAsync(Bubble.Url);
        Bubble.Simulator.Clock.Advance(TimeSpan.FromHours(25));

        var response = await ExchangeAsync(token);

        OAuthAssert.Error(response, 400, "invalid_request");
        Assert.Equal("The Bubble token is invalid, expired or logged out.", response["error_description"]);
    }

    [Fact]
    public async Task Subject_token_that_cannot_be_a_bubble_token_is_invalid_request_without_calling_bubble()
    {
        OAuthAssert.Error(await ExchangeAsync("bus|1 2"), 400, "invalid_request");
        Assert.Equal(0, WhoAmICalls());
    }

    [Theory]
    [InlineData("actor_token", "some-actor-token")]
    [InlineData("actor_token_type", "urn:ietf:params:oauth:token-type:access_token")]
    public async Task Actor_token_is_refused_with_invalid_request_since_delegation_is_not_issued(string name, string value)
    {
        var form = ExchangeForm(await LogInAsync(Bubble.Url));
        form[name] = value;

        var response = await Tokens.PostAsync(form, BubbleClient, BubbleSecret);

        OAuthAssert.Error(response, 400, "invalid_request");
        Assert.Null(response["access_token"]);
        Assert.Equal(0, WhoAmICalls());
    }

    [Theory]
    [InlineData("urn:ietf:params:oauth:token-type:access_token")]
    [InlineData("urn:bubble:token-type:user")]
    public async Task Actor_token_with_its_type_is_refused_with_invalid_request_even_a_valid_token_of_this_server(string type)
    {
        var actor = type == "urn:bubble:token-type:user"
            ? await LogInAsync(Bubble.Url)
            : (await ExchangeAsync(await LogInAsync(Bubble.Url))).AccessToken;
        var calls = WhoAmICalls();
        var form = ExchangeForm(await LogInAsync(Bubble.Url));
        form["actor_token"] = actor;
        form["actor_token_type"] = type;

        var response = await Tokens.PostAsync(form, BubbleClient, BubbleSecret);

        // RFC 8693 §2.1, §4.1: delegation needs an act claim, which this server does not issue; impersonation in its
        // place would be a silent downgrade.
        OAuthAssert.Error(response, 400, "invalid_request");
        Assert.Null(response["access_token"]);
        Assert.Equal(calls, WhoAmICalls());
    }

    // A well-formed actor pair: a lone actor_token or actor_token_type, or a type OpenIddict does not know, is a
    // malformed request that OpenIddict answers before any client is authenticated, as it does a missing subject_token.
    [Theory]
    [InlineData("urn:ietf:params:oauth:token-type:access_token")]
    [InlineData("urn:ietf:params:oauth:token-type:id_token")]
    public async Task Actor_token_with_a_wrong_secret_is_invalid_client_and_counts_toward_the_lockout(string type)
    {
        var form = ExchangeForm(await LogInAsync(Bubble.Url));
        form["actor_token"] = "some-actor-token";
        form["actor_token_type"] = type;

        for (var i = 0; i < 10; i++) // RateLimits:FailedAuthenticationsBeforeLockout, 10 by default
        {
            OAuthAssert.Error(await Tokens.PostAsync(form, BubbleClient, $"guess-{i}"), 401, "invalid_client");
        }

        var unknown = await Tokens.PostAsync(form, "no-such-client", BubbleSecret);
        var locked = await ExchangeAsync(await LogInAsync(Bubble.Url));

        OAuthAssert.Error(unknown, 401, "invalid_client");
        OAuthAssert.Error(locked, 429, "temporarily_unavailable");
        Assert.Equal(0, WhoAmICalls());
    }

    [Fact]
    public async Task Exchange_with_expired_bubble_token_returns_invalid_request()
    {
        var token = await LogInAsync(Bubble.Url);
        Bubble.Simulator.Clock.Advance(TimeSpan.FromHours(25));

        OAuthAssert.Error(await ExchangeAsync(token), 400, "invalid_request");
    }

    [Fact]
    public async Task Exchange_with_token_unused_for_30_days_returns_invalid_request()
    {
        Bubble.Simulator.Live.AddUser("keeper@example.com", "pw");
        using var http = new HttpClient();
        var login = await http.PostAsync($"{Bubble.Url}/api/1.1/wf/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["email"] = "keeper@example.com", ["password"] = "pw", ["keep_logged_in"] = "true",
        }));
        var token = System.Text.Json.JsonDocument.Parse(await login.Content.ReadAsStringAsync()).RootElement
            .GetProperty("response").GetProperty("token").GetString()!;
        Bubble.Simulator.Clock.Advance(TimeSpan.FromDays(31));

        OAuthAssert.Error(await ExchangeAsync(token), 400, "invalid_request");
    }

    [Fact]
    public async Task Exchange_with_logged_out_bubble_token_returns_invalid_request()
    {
        var token = await LogInAsync(Bubble.Url);
        using var http = new HttpClient();
        http.DefaultRequestHeaders.Authorization = new("Bearer", token);
        (await http.PostAsync($"{Bubble.Url}/api/1.1/wf/logout", null)).EnsureSuccessStatusCode();

        OAuthAssert.Error(await ExchangeAsync(token), 400, "invalid_request");
    }

    [Fact]
    public async Task Token_of_another_bubble_app_returns_invalid_request()
    {
        OtherBubble.Simulator.Live.AddUser(UserEmail, UserPassword);
        var otherAppsToken = await LogInAsync(OtherBubble.Url);

        OAuthAssert.Error(await ExchangeAsync(otherAppsToken), 400, "invalid_request");
        Assert.Equal(0, WhoAmICalls(OtherBubble));
    }

    [Fact]
    public async Task Version_test_token_through_the_live_client_returns_invalid_request()
    {
        Bubble.Simulator.VersionTest.AddUser(UserEmail, UserPassword);
        var versionTestToken = await LogInAsync(Bubble.VersionTestUrl);

        OAuthAssert.Error(await ExchangeAsync(versionTestToken), 400, "invalid_request");
    }

    [Fact]
    public async Task Live_token_through_the_version_test_client_returns_invalid_request()
    {
        var liveToken = await LogInAsync(Bubble.Url);

        OAuthAssert.Error(
            await ExchangeAsync(liveToken, clientId: TestVersionClient, secret: BubbleSecret + 2), 400, "invalid_request");
    }

    [Fact]
    public async Task Admin_key_is_not_a_user_and_returns_invalid_request()
    {
        OAuthAssert.Error(await ExchangeAsync(Bubble.Simulator.AdminKey), 400, "invalid_request");
        Assert.Equal(1, WhoAmICalls());
    }

    [Fact]
    public async Task Oversized_subject_token_is_invalid_request_without_calling_bubble()
    {
        OAuthAssert.Error(await ExchangeAsync("bus|" + new string('1', 4093)), 400, "invalid_request");
        Assert.Equal(0, WhoAmICalls());
    }

    [Fact]
    public async Task Unknown_subject_token_type_is_invalid_request()
    {
        var response = await Tokens.PostAsync(new Dictionary<string, string>
        {
            ["grant_type"] = "urn:ietf:params:oauth:grant-type:token-exchange",
            ["subject_token"] = await LogInAsync(Bubble.Url),
            ["subject_token_type"] = "urn:ietf:params:oauth:token-type:access_token",
        }, BubbleClient, BubbleSecret);

        OAuthAssert.Error(response, 400, "invalid_request");
        Assert.Equal(0, WhoAmICalls());
    }

    [Fact]
    public async Task Client_without_the_exchange_grant_never_makes_AuthServer_call_bubble()
    {
        var response = await ExchangeAsync(await LogInAsync(Bubble.Url), scope: null, clientId: TestClients.Script,
            secret: TestClients.ScriptSecret);

        OAuthAssert.Error(response, 400, "unauthorized_client");
        Assert.Equal(0, WhoAmICalls());
    }

    [Fact]
    public async Task Scope_the_client_lacks_is_invalid_scope_without_calling_bubble()
    {
        OAuthAssert.Error(await ExchangeAsync(await LogInAsync(Bubble.Url), scope: "sample-api.write"),
            400, "invalid_scope");
        Assert.Equal(0, WhoAmICalls());
    }

    [Fact]
    public async Task Wrong_client_secret_never_makes_AuthServer_call_bubble()
    {
        OAuthAssert.Error(await ExchangeAsync(await LogInAsync(Bubble.Url), secret: "wrong"), 401, "invalid_client");
        Assert.Equal(0, WhoAmICalls());
    }
}
