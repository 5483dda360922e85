using AuthServer.Tests.Infrastructure;
using Microsoft.IdentityModel.JsonWebTokens;

namespace AuthServer.Tests.Protocol.Token;

/// <summary>RFC 8693 §2.1 and RFC 8707: audience and resource narrow the issued aud; every access token has one.</summary>
public sealed class TokenTargetTests : ExchangeTest
{
    private const string BothScopes = "sample-api.read other-api.read";

    protected override IDictionary<string, string?> ExtraSettings => new Dictionary<string, string?>
    {
        ["Scopes:2:Name"] = "other-api.read",
        ["Scopes:2:Resources:0"] = "other-api",
        ["Scopes:3:Name"] = "uri-api.read",
        ["Scopes:3:Resources:0"] = "https://api.example.com",
        ["Clients:1:Scopes:2"] = "other-api.read",
        ["Clients:1:Scopes:3"] = "uri-api.read",
    };

    [Fact]
    public async Task Exchange_with_the_audience_it_would_issue_is_accepted()
    {
        var response = await ExchangeWithTargetsAsync("sample-api.read", ("audience", "sample-api"));

        Assert.Equal(200, response.Status);
        Assert.Equal(["sample-api"], new JsonWebToken(response.AccessToken).Audiences);
    }

    [Fact]
    public async Task Exchange_with_an_audience_narrows_aud_to_it()
    {
        var response = await ExchangeWithTargetsAsync(BothScopes, ("audience", "other-api"));

        Assert.Equal(200, response.Status);
        Assert.Equal(["other-api"], new JsonWebToken(response.AccessToken).Audiences);
    }

    [Fact]
    public async Task Exchange_with_two_audience_parameters_keeps_both()
    {
        var response = await ExchangeWithTargetsAsync(BothScopes, ("audience", "sample-api"), ("audience", "other-api"));

        Assert.Equal(200, response.Status);
        Assert.Equal(["other-api", "sample-api"], new JsonWebToken(response.AccessToken).Audiences.Order());
    }

    [Fact]
    public async Task Exchange_with_several_audiences_and_a_resource_keeps_each_of_them()
    {
        var response = await ExchangeWithTargetsAsync("sample-api.read other-api.read uri-api.read",
            ("audience", "sample-api"), ("resource", "https://api.example.com"));

        Assert.Equal(200, response.Status);
        Assert.Equal(["https://api.example.com", "sample-api"], new JsonWebToken(response.AccessToken).Audiences.Order());
    }

    [Fact]
    public async Task Exchange_with_an_audience_outside_the_granted_scopes_is_invalid_target_before_any_bubble_call()
    {
        var unknown = await ExchangeWithTargetsAsync("sample-api.read", ("audience", "nobody"));
        var notGranted = await ExchangeWithTargetsAsync("sample-api.read", ("audience", "other-api"));
        var unknownResource = await ExchangeWithTargetsAsync("sample-api.read", ("resource", "https://elsewhere.example.com"));

        OAuthAssert.Error(unknown, 400, "invalid_target");
        OAuthAssert.Error(notGranted, 400, "invalid_target");
        OAuthAssert.Error(unknownResource, 400, "invalid_target");
        Assert.Equal(0, WhoAmICalls());
    }

    // RFC 6749 §3.2: "Parameters sent without a value MUST be treated as if they were omitted" (issue 19, item 18).
    [Theory]
    [InlineData("audience")]
    [InlineData("resource")]
    public async Task Exchange_with_an_empty_target_is_treated_as_if_it_were_omitted(string parameter)
    {
        var response = await ExchangeWithTargetsAsync(BothScopes, (parameter, ""));

        Assert.True(response.Status == 200, response.Json.ToString());
        Assert.Equal(["other-api", "sample-api"], new JsonWebToken(response.AccessToken).Audiences.Order());
    }

    [Fact]
    public async Task Exchange_with_an_empty_audience_beside_a_real_one_narrows_to_the_real_one()
    {
        var response = await ExchangeWithTargetsAsync(BothScopes, ("audience", ""), ("audience", "other-api"), ("resource", ""));

        Assert.True(response.Status == 200, response.Json.ToString());
        Assert.Equal(["other-api"], new JsonWebToken(response.AccessToken).Audiences);
    }

    [Theory]
    [InlineData("audience")]
    [InlineData("resource")]
    public async Task Client_credentials_with_an_empty_target_is_treated_as_if_it_were_omitted(string parameter)
    {
        var response = await Tokens.PostAsync(new() { ["grant_type"] = "client_credentials", [parameter] = "" },
            TestClients.Script, TestClients.ScriptSecret);

        Assert.True(response.Status == 200, response.Json.ToString());
        Assert.Equal(["sample-api"], new JsonWebToken(response.AccessToken).Audiences);
    }

    [Theory]
    [InlineData("audience")]
    [InlineData("resource")]
    public async Task Refresh_with_an_empty_target_is_treated_as_if_it_were_omitted(string parameter)
    {
        var first = await ExchangeAsync(await LogInAsync(Bubble.Url));

        var response = await Tokens.PostAsync(new() { ["grant_type"] = "refresh_token", ["refresh_token"] = first["refresh_token"]!, [parameter] = "" },
            BubbleClient, BubbleSecret);

        Assert.True(response.Status == 200, response.Json.ToString());
        Assert.Equal(["sample-api"], new JsonWebToken(response.AccessToken).Audiences);
    }

    [Fact]
    public async Task Exchange_for_offline_access_alone_is_invalid_scope_because_a_token_needs_an_audience()
    {
        var response = await ExchangeAsync(await LogInAsync(Bubble.Url), scope: "offline_access");

        OAuthAssert.Error(response, 400, "invalid_scope");
        Assert.Equal(0, WhoAmICalls());
    }

    // RFC 8707 §2: a resource is an absolute URI without a fragment; logical names go in audience (RFC 8693 §2.1).
    [Theory]
    [InlineData("sample-api")]
    [InlineData("/relative/path")]
    [InlineData("https://api.example.com#fragment")]
    public async Task Resource_that_is_not_an_absolute_uri_without_fragment_is_invalid_target_even_when_it_names_a_resource(string resource)
    {
        var exchange = await ExchangeWithTargetsAsync("sample-api.read uri-api.read", ("resource", resource));
        var clientCredentials = await Tokens.PostAsync(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["scope"] = "sample-api.read",
            ["resource"] = resource,
        }, TestClients.Script, TestClients.ScriptSecret);

        OAuthAssert.Error(exchange, 400, "invalid_target");
        OAuthAssert.Error(clientCredentials, 400, "invalid_target");
        Assert.Equal(0, WhoAmICalls());
    }

    [Fact]
    public async Task Exchange_with_an_audience_narrows_the_granted_scope_to_the_scopes_of_that_audience()
    {
        var response = await ExchangeWithTargetsAsync(BothScopes + " offline_access", ("audience", "other-api"));

        Assert.Equal(200, response.Status);
        var token = new JsonWebToken(response.AccessToken);
        Assert.Equal(["other-api"], token.Audiences);
        Assert.Equal("other-api.read offline_access", token.GetClaim("scope").Value);
        Assert.Equal("other-api.read offline_access", response["scope"]);

        // The chain is the narrowed grant: its refreshes stay on that audience and scope.
        var refreshed = await RefreshAsync(response["refresh_token"]!);
        Assert.Equal(200, refreshed.Status);
        Assert.Equal(["other-api"], new JsonWebToken(refreshed.AccessToken).Audiences);
        Assert.Equal("other-api.read offline_access", refreshed["scope"]);
    }

    [Fact]
    public async Task Refresh_with_a_resource_narrows_the_access_tokens_scope_and_keeps_the_chains()
    {
        var exchanged = await ExchangeWithTargetsAsync("sample-api.read uri-api.read offline_access");

        var narrowed = await Tokens.PostAsync(new Dictionary<string, string>
        {
            ["grant_type"] = "refresh_token",
            ["refresh_token"] = exchanged["refresh_token"]!,
            ["resource"] = "https://api.example.com",
        }, BubbleClient, BubbleSecret);

        Assert.Equal(200, narrowed.Status);
        var token = new JsonWebToken(narrowed.AccessToken);
        Assert.Equal(["https://api.example.com"], token.Audiences);
        Assert.Equal("uri-api.read offline_access", token.GetClaim("scope").Value);
        Assert.Equal("uri-api.read offline_access", narrowed["scope"]);

        var next = await RefreshAsync(narrowed["refresh_token"]!);
        Assert.Equal(["https://api.example.com", "sample-api"], new JsonWebToken(next.AccessToken).Audiences.Order());
        Assert.Equal("sample-api.read uri-api.read offline_access", next["scope"]);
    }

    private async Task<TokenResponse> ExchangeWithTargetsAsync(string scope, params (string Name, string Value)[] targets)
    {
        var pairs = new List<KeyValuePair<string, string>>
        {
            new("grant_type", "urn:ietf:params:oauth:grant-type:token-exchange"),
            new("subject_token", await LogInAsync(Bubble.Url)),
            new("subject_token_type", "urn:bubble:token-type:user"),
            new("scope", scope),
        };
        pairs.AddRange(targets.Select(t => new KeyValuePair<string, string>(t.Name, t.Value)));
        using var request = new HttpRequestMessage(HttpMethod.Post, "/connect/token") { Content = new FormUrlEncodedContent(pairs) };
        request.Headers.Authorization = new("Basic", Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes($"{BubbleClient}:{BubbleSecret}")));
        return await TokenResponse.ReadAsync(await Tokens.Http.SendAsync(request));
    }
}
