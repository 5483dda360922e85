using System.Text.Json;
using AuthServer.Tests.Infrastructure;

namespace AuthServer.Tests.Protocol.Discovery;

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
        Assert.Equal(["client_secret_basic", "client_secret_post", "private_key_jwt"], Strings(json, "token_endpoint_auth_methods_supported").Order());
        Assert.Contains("sample-api.read", Strings(json, "scopes_supported"));
        Assert.Contains("offline_access", Strings(json, "scopes_supported"));
    }

    [Fact]
    public async Task Discovery_advertises_response_types_and_nothing_of_OpenID_Connect_or_authorization_requests()
    {
        var json = await GetJsonAsync("/.well-known/openid-configuration");

        // RFC 8414 requires it and strict clients refuse []; "none" promises no code and no token.
        Assert.Equal(["none"], Strings(json, "response_types_supported"));
        Assert.DoesNotContain("openid", Strings(json, "scopes_supported"));
        foreach (var absent in new[]
                 {
                     "id_token_signing_alg_values_supported", "subject_types_supported", "prompt_values_supported",
                     "authorization_response_iss_parameter_supported", "response_modes_supported", "authorization_endpoint",
                     "code_challenge_methods_supported", "claims_parameter_supported", "request_parameter_supported",
                     "request_uri_parameter_supported",
                 })
        {
            Assert.False(json.TryGetProperty(absent, out _), $"discovery advertises '{absent}', which this server does not do");
        }
    }

    [Fact]
    public async Task Claims_supported_lists_the_claims_access_tokens_carry_and_no_internal_ones()
    {
        var claims = Strings(await GetJsonAsync("/.well-known/openid-configuration"), "claims_supported").ToList();

        foreach (var claim in new[] { "iss", "sub", "aud", "exp", "iat", "nbf", "jti", "client_id", "scope", "email" })
        {
            Assert.Contains(claim, claims);
        }

        Assert.DoesNotContain(claims, c => c.StartsWith("oi_", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Rfc8414_default_path_serves_the_same_metadata()
    {
        var openId = await GetJsonAsync("/.well-known/openid-configuration");
        var oauth = await GetJsonAsync("/.well-known/oauth-authorization-server");

        Assert.Equal(openId.GetRawText(), oauth.GetRawText());
    }

    [Theory]
    [InlineData("/.well-known/openid-configuration")]
    [InlineData("/.well-known/oauth-authorization-server")]
    [InlineData("/.well-known/jwks")]
    public async Task Head_on_metadata_is_200_with_headers_and_no_body(string path)
    {
        var get = await Tokens.Http.GetAsync(path);
        using var head = await Tokens.Http.SendAsync(new HttpRequestMessage(HttpMethod.Head, path));

        Assert.Equal(System.Net.HttpStatusCode.OK, head.StatusCode);
        Assert.Equal(get.Content.Headers.ContentType, head.Content.Headers.ContentType);
        Assert.Empty(await head.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task Authlib_validates_both_discovery_documents()
    {
        // Authlib insists on https or http://localhost, so this server's issuer is spelled with localhost.
        var port = Ports.Free();
        var issuer = $"http://localhost:{port}";
        await using var server = await AuthServerInstance.StartAsync(Directory.File("authlib.db"), Logs,
            new Dictionary<string, string?> { ["Auth:Issuer"] = issuer }, port);

        var (exitCode, output) = await PythonDiscoveryValidator.ValidateAsync(issuer);

        Assert.True(exitCode == 0, $"Authlib refused the discovery documents:\n{output}");
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
