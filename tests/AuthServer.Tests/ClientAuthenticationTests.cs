using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using AuthServer.Tests.Infrastructure;

namespace AuthServer.Tests;

/// <summary>RFC 6749 §5.2: missing, malformed or failed client authentication is 401 invalid_client with a Basic challenge, at all three endpoints.</summary>
public sealed class ClientAuthenticationTests : ServerTest
{
    public static TheoryData<string, string?> Cases()
    {
        var data = new TheoryData<string, string?>();
        foreach (var path in new[] { "/connect/token", "/connect/introspect", "/connect/revoke" })
        {
            data.Add(path, null); // no client authentication at all
            data.Add(path, "Basic !!!"); // not base64
            data.Add(path, "Basic " + Convert.ToBase64String(Encoding.ASCII.GetBytes("no-colon"))); // no client_id:secret pair
            data.Add(path, "Basic " + Convert.ToBase64String(Encoding.ASCII.GetBytes($"{TestClients.Script}:wrong-secret")));
            data.Add(path, "Basic " + Convert.ToBase64String(Encoding.ASCII.GetBytes("nobody:whatever")));
            data.Add(path, "Basic " + Convert.ToBase64String(Encoding.ASCII.GetBytes($"{TestClients.Script}:"))); // an empty secret
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Missing_malformed_or_wrong_client_authentication_is_401_invalid_client_with_a_basic_realm(string path, string? authorization)
    {
        var response = await PostAsync(path, authorization);

        Assert.Equal(401, (int)response.StatusCode);
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("invalid_client", body.GetProperty("error").GetString());
        var challenge = Assert.Single(response.Headers.WwwAuthenticate);
        Assert.Equal("Basic", challenge.Scheme);
        Assert.Matches("(^|, )realm=\"[^\"]+\"", challenge.Parameter);
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
    }

    [Fact]
    public async Task Requests_without_a_client_id_never_reach_the_limiter_and_never_lock_anyone_out()
    {
        for (var i = 0; i < 30; i++)
        {
            Assert.Equal(401, (int)(await PostAsync("/connect/token", null)).StatusCode);
            Assert.Equal(401, (int)(await PostAsync("/connect/introspect", "Basic !!!")).StatusCode);
        }

        Assert.Equal(200, (await Tokens.ClientCredentialsAsync()).Status);
    }

    private async Task<HttpResponseMessage> PostAsync(string path, string? authorization)
    {
        var form = path.EndsWith("token", StringComparison.Ordinal)
            ? new Dictionary<string, string> { ["grant_type"] = "client_credentials" }
            : new Dictionary<string, string> { ["token"] = "not-a-token" };
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new FormUrlEncodedContent(form) };
        if (authorization is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", authorization);
        }

        return await Tokens.Http.SendAsync(request);
    }
}
