using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using AuthServer.Tests.Infrastructure;

namespace AuthServer.Tests.AdminConsole;

/// <summary>
/// HTTP rules shared by the token, introspection and revocation endpoints: POST only (RFC 7662 §2.1,
/// RFC 7009 §2.1, and RFC 6749 §2.3.1 keeps credentials out of URIs), and never cached.
/// </summary>
public sealed class ConnectEndpointHttpTests : ServerTest
{
    private const string WrongSecret = "wrong-secret";

    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["RateLimits:FailedAuthenticationsBeforeLockout"] = "3",
        ["Clients:1:ClientId"] = "locked-out",
        ["Clients:1:ClientSecret"] = "locked-out-secret-0123456789",
        ["Clients:1:GrantTypes:0"] = "client_credentials",
        ["Clients:1:Scopes:0"] = "sample-api.read",
    };

    [Theory]
    [InlineData("/connect/introspect")]
    [InlineData("/connect/revoke")]
    [InlineData("/connect/token")]
    public async Task Get_with_credentials_in_the_query_is_405_and_they_are_never_checked(string path)
    {
        for (var i = 0; i < 5; i++) // more wrong secrets than the lockout allows, had they been checked
        {
            var query = $"?token=abc&grant_type=client_credentials&client_id={TestClients.Script}&client_secret={WrongSecret}";
            var response = await Tokens.Http.GetAsync(path + query);

            Assert.Equal(405, (int)response.StatusCode);
            Assert.Equal("POST", Assert.Single(response.Content.Headers.Allow));
            Assert.Equal("invalid_request", JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("error").GetString());
            Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
        }

        Assert.Equal(200, (await Tokens.ClientCredentialsAsync()).Status);
    }

    [Fact]
    public async Task Revocation_by_get_revokes_nothing()
    {
        var token = (await Tokens.ClientCredentialsAsync()).AccessToken;

        var response = await Tokens.Http.GetAsync(
            $"/connect/revoke?token={token}&client_id={TestClients.Script}&client_secret={TestClients.ScriptSecret}");

        Assert.Equal(405, (int)response.StatusCode);
        var introspection = await PostAsync("/connect/introspect", $"token={token}", TestClients.ScriptSecret);
        Assert.True(JsonDocument.Parse(await introspection.Content.ReadAsStringAsync()).RootElement.GetProperty("active").GetBoolean());
    }

    [Theory]
    [InlineData("/connect/introspect", "token=abc", TestClients.ScriptSecret, 200)]
    [InlineData("/connect/introspect", "token=abc", WrongSecret, 401)]
    [InlineData("/connect/introspect", "", TestClients.ScriptSecret, 400)]
    [InlineData("/connect/revoke", "token=abc", TestClients.ScriptSecret, 200)]
    [InlineData("/connect/revoke", "token=abc", WrongSecret, 401)]
    [InlineData("/connect/token", "grant_type=client_credentials", TestClients.ScriptSecret, 200)]
    [InlineData("/connect/token", "grant_type=client_credentials", WrongSecret, 401)]
    [InlineData("/connect/token", "grant_type=password", TestClients.ScriptSecret, 400)]
    public async Task Every_answer_of_the_three_endpoints_is_no_store(string path, string body, string secret, int status)
    {
        var response = await PostAsync(path, body, secret);

        Assert.Equal(status, (int)response.StatusCode);
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
    }

    [Theory]
    [InlineData("/connect/introspect", "token=abc")]
    [InlineData("/connect/revoke", "token=abc")]
    [InlineData("/connect/token", "grant_type=client_credentials")]
    public async Task A_locked_out_client_gets_429_with_no_store(string path, string body)
    {
        for (var i = 0; i < 3; i++)
        {
            await PostAsync(path, body, WrongSecret, "locked-out");
        }

        var response = await PostAsync(path, body, "locked-out-secret-0123456789", "locked-out");

        Assert.Equal(429, (int)response.StatusCode);
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
    }

    private async Task<HttpResponseMessage> PostAsync(string path, string body, string secret, string clientId = TestClients.Script)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path)
        {
            Content = new StringContent(body, Encoding.ASCII, "application/x-www-form-urlencoded"),
        };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/x-www-form-urlencoded");
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{clientId}:{secret}")));
        return await Tokens.Http.SendAsync(request);
    }
}
