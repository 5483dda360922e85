using System.Text;
using AuthServer.Tests.Infrastructure;

namespace AuthServer.Tests.Protocol.Token;

public sealed class TokenEndpointErrorTests : InProcessServerTest
{
    [Fact]
    public async Task Unknown_client_is_401_invalid_client_with_www_authenticate()
    {
        var response = await Tokens.ClientCredentialsAsync(clientId: "nobody", secret: "whatever");

        OAuthAssert.Error(response, 401, "invalid_client");
        Assert.Contains(response.Response.Headers.WwwAuthenticate, h => h.Scheme == "Basic");
    }

    [Fact]
    public async Task Wrong_secret_is_401_invalid_client()
    {
        OAuthAssert.Error(await Tokens.ClientCredentialsAsync(secret: "wrong-secret"), 401, "invalid_client");
    }

    [Fact]
    public async Task Wrong_secret_in_the_body_is_invalid_client()
    {
        OAuthAssert.Error(await Tokens.ClientCredentialsAsync(secret: "wrong-secret", basic: false), 401, "invalid_client");
    }

    [Fact]
    public async Task Unsupported_grant_is_unsupported_grant_type()
    {
        var response = await Tokens.PostAsync(new() { ["grant_type"] = "password", ["username"] = "a", ["password"] = "b" },
            TestClients.Script, TestClients.ScriptSecret);

        OAuthAssert.Error(response, 400, "unsupported_grant_type");
    }

    [Fact]
    public async Task Grant_the_client_may_not_use_is_unauthorized_client()
    {
        var response = await Tokens.PostAsync(new() { ["grant_type"] = "refresh_token", ["refresh_token"] = "abc" },
            TestClients.Script, TestClients.ScriptSecret);

        OAuthAssert.Error(response, 400, "unauthorized_client");
    }

    [Fact]
    public async Task Known_scope_the_client_lacks_is_invalid_scope()
    {
        OAuthAssert.Error(await Tokens.ClientCredentialsAsync(scope: "sample-api.write"), 400, "invalid_scope");
    }

    [Fact]
    public async Task Unknown_scope_is_invalid_scope()
    {
        OAuthAssert.Error(await Tokens.ClientCredentialsAsync(scope: "no-such-scope"), 400, "invalid_scope");
    }

    [Fact]
    public async Task Missing_grant_type_is_invalid_request()
    {
        OAuthAssert.Error(await Tokens.PostAsync(new() { ["scope"] = "sample-api.read" }, TestClients.Script, TestClients.ScriptSecret),
            400, "invalid_request");
    }

    [Theory]
    [InlineData("application/json", "{\"grant_type\":\"client_credentials\"}")]
    [InlineData("text/plain", "grant_type=client_credentials")]
    [InlineData(null, "grant_type=client_credentials")]
    public async Task Wrong_content_type_is_invalid_request(string? contentType, string body)
    {
        OAuthAssert.Error(await PostRawAsync(body, contentType), 400, "invalid_request");
    }

    [Theory]
    [InlineData("grant_type=client_credentials&grant_type=client_credentials")]
    [InlineData("grant_type=client_credentials&scope=a%00b")]
    public async Task Repeated_or_malformed_parameters_are_invalid_request(string body)
    {
        OAuthAssert.Error(await PostRawAsync(body), 400, "invalid_request");
    }

    [Fact]
    public async Task Percent_encoded_non_utf8_scope_is_a_400_oauth_error()
    {
        var response = await PostRawAsync("grant_type=client_credentials&scope=%FF%FE");

        Assert.Equal(400, response.Status);
        Assert.Contains(response["error"], new[] { "invalid_request", "invalid_scope" });
    }

    [Fact]
    public async Task Huge_field_is_invalid_request_not_500()
    {
        OAuthAssert.Error(await PostRawAsync("grant_type=client_credentials&scope=" + new string('a', 200_000)), 400, "invalid_request");
    }

    [Fact]
    public async Task Thousands_of_fields_are_invalid_request_not_500()
    {
        var body = "grant_type=client_credentials&" + string.Join("&", Enumerable.Range(0, 2000).Select(i => $"f{i}=x"));
        OAuthAssert.Error(await PostRawAsync(body), 400, "invalid_request");
    }

    [Fact]
    public async Task Invalid_utf8_bytes_are_invalid_request_not_500()
    {
        var bytes = Encoding.ASCII.GetBytes("grant_type=client_credentials&scope=").Concat(new byte[] { 0xC3, 0x28, 0xFF }).ToArray();
        using var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new("application/x-www-form-urlencoded");
        var response = await TokenResponse.ReadAsync(await Tokens.Http.PostAsync("/connect/token", content));

        OAuthAssert.Error(response, 400, "invalid_request");
    }

    private async Task<TokenResponse> PostRawAsync(string body, string? contentType = "application/x-www-form-urlencoded")
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/connect/token") { Content = new StringContent(body) };
        request.Content.Headers.ContentType = contentType is null ? null : new(contentType);
        request.Headers.Authorization = new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{TestClients.Script}:{TestClients.ScriptSecret}")));
        return await TokenResponse.ReadAsync(await Tokens.Http.SendAsync(request));
    }
}
