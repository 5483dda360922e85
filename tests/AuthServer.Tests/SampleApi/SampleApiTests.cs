using System.Net;
using System.Text.Json;
using AuthServer.Tests.Infrastructure;

namespace AuthServer.Tests.SampleApi;

public sealed class SampleApiTests : ServerTest
{
    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Clients:1:ClientId"] = "writer",
        ["Clients:1:ClientSecret"] = "writer-secret-0123456789",
        ["Clients:1:GrantTypes:0"] = "client_credentials",
        ["Clients:1:Scopes:0"] = "sample-api.write",
    };

    [Fact]
    public async Task Me_returns_the_caller_from_a_valid_token()
    {
        var token = (await Tokens.ClientCredentialsAsync()).AccessToken;

        var response = await CallApiAsync("/me", token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var me = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(TestClients.Script, me.GetProperty("sub").GetString());
        Assert.Equal(TestClients.Script, me.GetProperty("client_id").GetString());
        Assert.Equal(JsonValueKind.Null, me.GetProperty("email").ValueKind);
        Assert.Equal(["sample-api.read"], me.GetProperty("scope").EnumerateArray().Select(s => s.GetString()));
    }

    [Fact]
    public async Task Anonymous_answers_without_a_token_in_the_shape_of_me()
    {
        var response = await CallApiAsync("/anonymous", null);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(["sub", "client_id", "email", "scope"], body.EnumerateObject().Select(p => p.Name));
        Assert.Equal("anonymous", body.GetProperty("sub").GetString());
        Assert.Equal(JsonValueKind.Array, body.GetProperty("scope").ValueKind);
    }

    [Fact]
    public async Task Data_needs_the_read_scope()
    {
        var reader = (await Tokens.ClientCredentialsAsync()).AccessToken;
        var writer = (await Tokens.ClientCredentialsAsync("writer", "writer-secret-0123456789")).AccessToken;

        Assert.Equal(HttpStatusCode.OK, (await CallApiAsync("/data", reader)).StatusCode);
        var forbidden = await CallApiAsync("/data", writer);
        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
        Assert.Contains("insufficient_scope", forbidden.Headers.WwwAuthenticate.ToString());
    }

    // RFC 6750 §3.1: a request that carries no token gets a challenge without an error code.
    [Fact]
    public async Task No_token_is_401_with_a_bearer_challenge_and_no_error_code()
    {
        var response = await CallApiAsync("/me", null);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("Bearer", response.Headers.WwwAuthenticate.ToString());
    }

    [Fact]
    public async Task Other_authorization_scheme_is_no_token_and_gets_no_error_code()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/me");
        request.Headers.Authorization = new("Basic", "dXNlcjpwYXNz");

        var response = await ApiClient.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("Bearer", response.Headers.WwwAuthenticate.ToString());
    }

    [Fact]
    public async Task Tampered_token_is_401_invalid_token()
    {
        var token = (await Tokens.ClientCredentialsAsync()).AccessToken;
        var parts = token.Split('.');
        var payload = JsonSerializer.Deserialize<Dictionary<string, object>>(Microsoft.IdentityModel.Tokens.Base64UrlEncoder.Decode(parts[1]))!;
        payload["sub"] = "someone-else";
        var forged = $"{parts[0]}.{Microsoft.IdentityModel.Tokens.Base64UrlEncoder.Encode(JsonSerializer.Serialize(payload))}.{parts[2]}";

        var response = await CallApiAsync("/me", forged);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("Bearer error=\"invalid_token\"", response.Headers.WwwAuthenticate.ToString());
    }

    [Fact]
    public async Task Token_for_another_audience_is_401()
    {
        await using var other = await AuthServerInstance.StartAsync(Directory.File("other.db"), Logs, new Dictionary<string, string?>
        {
            ["Scopes:0:Resources:0"] = "another-api",
        });
        using var otherTokens = new TokenClient(other.Url);
        var token = (await otherTokens.ClientCredentialsAsync()).AccessToken;

        Assert.Equal(HttpStatusCode.Unauthorized, (await CallApiAsync("/me", token)).StatusCode);
    }

    [Theory]
    [InlineData(null)] // JwtBearer's own configuration manager
    [InlineData("00:00:01")] // SampleApi's PeriodicConfigurationManager
    public async Task Api_answers_401_invalid_token_not_500_while_the_authority_is_unreachable(string? keySetRefreshInterval)
    {
        var token = (await Tokens.ClientCredentialsAsync()).AccessToken;
        await using var orphan = await SampleApiInstance.StartAsync(LoopbackApp.NewUrl(), Directory.Path, Logs,
            new Dictionary<string, string?> { ["Auth:KeySetRefreshInterval"] = keySetRefreshInterval });
        using var client = new HttpClient { BaseAddress = new Uri(orphan.Url) };
        using var request = new HttpRequestMessage(HttpMethod.Get, "/me");
        request.Headers.Authorization = new("Bearer", token);

        var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("Bearer error=\"invalid_token\"", response.Headers.WwwAuthenticate.ToString());
    }
}
