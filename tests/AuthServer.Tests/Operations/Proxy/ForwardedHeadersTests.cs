using System.Text.Json;
using AuthServer.Tests.Infrastructure;

namespace AuthServer.Tests.Operations.Proxy;

/// <summary>
/// Behind a TLS-terminating proxy: <c>X-Forwarded-Proto: https</c> satisfies the HTTPS requirement only
/// when it comes from a configured proxy or network; loopback is not trusted unless configured.
/// </summary>
public sealed class ForwardedHeadersTests : IAsyncLifetime
{
    private const string Issuer = "https://auth.example.com";
    private readonly TestDirectory _directory = new();

    [Fact]
    public async Task Forwarded_https_from_a_known_proxy_satisfies_the_https_requirement()
    {
        var response = await ClientCredentialsThroughProxyAsync(new() { ["ForwardedHeaders:KnownProxies:0"] = "127.0.0.1" });

        Assert.Equal(200, response.Status);
    }

    [Fact]
    public async Task Forwarded_https_from_a_known_network_satisfies_the_https_requirement()
    {
        var response = await ClientCredentialsThroughProxyAsync(new() { ["ForwardedHeaders:KnownNetworks:0"] = "127.0.0.0/8" });

        Assert.Equal(200, response.Status);
    }

    [Fact]
    public async Task Forwarded_https_from_an_address_outside_the_known_proxies_is_ignored()
    {
        var response = await ClientCredentialsThroughProxyAsync(new()
        {
            ["ForwardedHeaders:KnownProxies:0"] = "10.0.0.5",
            ["ForwardedHeaders:KnownNetworks:0"] = "10.1.0.0/16",
        });

        OAuthAssert.Error(response, 400, "invalid_request");
        Assert.Contains("HTTPS", response["error_description"], StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Forwarded_https_is_ignored_when_no_proxy_is_configured()
    {
        var response = await ClientCredentialsThroughProxyAsync([]);

        OAuthAssert.Error(response, 400, "invalid_request");
    }

    [Fact]
    public async Task Discovery_through_a_proxy_lists_every_endpoint_under_the_issuer()
    {
        await using var server = await StartAsync(new() { ["ForwardedHeaders:KnownProxies:0"] = "127.0.0.1" });
        using var http = new HttpClient { BaseAddress = new Uri(server.Url) };
        using var request = new HttpRequestMessage(HttpMethod.Get, "/.well-known/oauth-authorization-server");
        request.Headers.Add("X-Forwarded-Proto", "https");
        request.Headers.Host = "node-7.internal:8080"; // a gateway that does not pass the public host on

        using var response = await http.SendAsync(request);
        var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

        Assert.Equal(Issuer, document.GetProperty("issuer").GetString());
        foreach (var (name, path) in new[] { ("token_endpoint", "/connect/token"), ("introspection_endpoint", "/connect/introspect"),
                     ("revocation_endpoint", "/connect/revoke"), ("jwks_uri", "/.well-known/jwks") })
        {
            Assert.Equal(Issuer + path, document.GetProperty(name).GetString());
        }
    }

    private async Task<TokenResponse> ClientCredentialsThroughProxyAsync(Dictionary<string, string?> proxies)
    {
        await using var server = await StartAsync(proxies);
        using var tokens = new TokenClient(server.Url);
        tokens.Http.DefaultRequestHeaders.Add("X-Forwarded-Proto", "https");
        tokens.Http.DefaultRequestHeaders.Add("X-Forwarded-For", "203.0.113.7");
        return await tokens.ClientCredentialsAsync();
    }

    private Task<AuthServerInstance> StartAsync(Dictionary<string, string?> settings)
    {
        settings["Auth:Issuer"] = Issuer;
        settings["Auth:RequireHttps"] = null; // the default outside Development: required
        return AuthServerInstance.StartAsync(_directory.File($"{Guid.NewGuid():N}.db"), new LogCapture(), settings);
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync()
    {
        _directory.Dispose();
        return Task.CompletedTask;
    }
}
