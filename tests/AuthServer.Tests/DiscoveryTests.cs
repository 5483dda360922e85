using System.Text.Json;
using AuthServer.Tests.Infrastructure;

namespace AuthServer.Tests;

public sealed class DiscoveryTests : ServerTest
{
    [Fact]
    public async Task Discovery_document_names_the_exact_issuer_and_every_endpoint()
    {
        var json = await GetJsonAsync("/.well-known/openid-configuration");

        Assert.Equal(Server.Url, json.GetProperty("issuer").GetString());
        Assert.Equal($"{Server.Url}/connect/token", json.GetProperty("token_endpoint").GetString());
        Assert.Equal($"{Server.Url}/.well-known/jwks", json.GetProperty("jwks_uri").GetString());
        Assert.Equal($"{Server.Url}/connect/introspect", json.GetProperty("introspection_endpoint").GetString());
        Assert.Equal($"{Server.Url}/connect/revoke", json.GetProperty("revocation_endpoint").GetString());
        Assert.Equal(
            ["client_credentials", "refresh_token", "urn:ietf:params:oauth:grant-type:token-exchange"],
            Strings(json, "grant_types_supported").Order());
        Assert.Equal(["client_secret_basic", "client_secret_post"], Strings(json, "token_endpoint_auth_methods_supported").Order());
        Assert.Contains("sample-api.read", Strings(json, "scopes_supported"));
        Assert.Contains("offline_access", Strings(json, "scopes_supported"));
    }

    [Fact]
    public async Task Jwks_publishes_the_signing_key_with_kid_use_and_alg_and_no_private_part()
    {
        var keys = (await GetJsonAsync("/.well-known/jwks")).GetProperty("keys").EnumerateArray().ToList();

        var key = Assert.Single(keys);
        Assert.Equal("RSA", key.GetProperty("kty").GetString());
        Assert.Equal("sig", key.GetProperty("use").GetString());
        Assert.Equal("RS256", key.GetProperty("alg").GetString());
        Assert.False(string.IsNullOrEmpty(key.GetProperty("kid").GetString()));
        Assert.True(key.GetProperty("n").GetString()!.Length > 300, "a 2048-bit modulus");
        foreach (var privatePart in new[] { "d", "p", "q", "dp", "dq", "qi" })
        {
            Assert.False(key.TryGetProperty(privatePart, out _), $"JWKS leaks the private parameter '{privatePart}'");
        }
    }

    [Fact]
    public async Task Health_endpoints_report_live_and_ready()
    {
        Assert.Equal(System.Net.HttpStatusCode.OK, (await Tokens.Http.GetAsync("/health/live")).StatusCode);
        var ready = await Tokens.Http.GetAsync("/health/ready");
        Assert.Equal(System.Net.HttpStatusCode.OK, ready.StatusCode);
        Assert.Equal("Healthy", await ready.Content.ReadAsStringAsync());
    }

    private async Task<JsonElement> GetJsonAsync(string path)
    {
        var response = await Tokens.Http.GetAsync(path);
        response.EnsureSuccessStatusCode();
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
    }

    private static IEnumerable<string> Strings(JsonElement json, string name) =>
        json.GetProperty(name).EnumerateArray().Select(e => e.GetString()!);
}
