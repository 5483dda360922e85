using System.Net;
using System.Text.Json;
using AuthServer.Tests.Infrastructure;

namespace AuthServer.Tests.Hosting;

/// <summary><c>GET /</c> points a newcomer to discovery, the JWKS, health, the console and the docs.</summary>
public sealed class ServiceRootTests : ServerTest
{
    [Fact]
    public async Task The_root_names_discovery_jwks_health_console_and_docs_and_each_link_answers()
    {
        using var http = new HttpClient();
        using var response = await http.GetAsync(Server.Url + "/");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var root = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(Server.Url + "/.well-known/openid-configuration", root.GetProperty("discovery").GetString());
        Assert.Equal(Server.Url + "/.well-known/jwks", root.GetProperty("jwks").GetString());
        Assert.Equal(Server.Url + "/admin", root.GetProperty("console").GetString());
        Assert.Contains("docs/reference.md", root.GetProperty("docs").GetString());
        foreach (var link in new[] { "discovery", "jwks", "health" })
        {
            using var followed = await http.GetAsync(root.GetProperty(link).GetString());
            Assert.True(followed.IsSuccessStatusCode, $"{link} answered {followed.StatusCode}");
        }

        using var discovery = JsonDocument.Parse(await http.GetStringAsync(root.GetProperty("discovery").GetString()));
        Assert.Equal(root.GetProperty("jwks").GetString(), discovery.RootElement.GetProperty("jwks_uri").GetString());
    }

    [Fact]
    public async Task Head_on_the_root_and_the_favicon_are_not_errors()
    {
        using var http = new HttpClient();
        using var head = await http.SendAsync(new HttpRequestMessage(HttpMethod.Head, Server.Url + "/"));
        using var favicon = await http.GetAsync(Server.Url + "/favicon.ico");

        Assert.Equal(HttpStatusCode.OK, head.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, favicon.StatusCode);
    }
}

/// <summary>A console on addresses of its own is not named at the public root.</summary>
public sealed class ServiceRootWithPrivateConsoleTests : ServerTest
{
    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Admin:Urls:0"] = $"http://127.0.0.1:{Ports.Free()}",
    };

    [Fact]
    public async Task The_root_leaves_out_a_console_served_on_its_own_address()
    {
        using var http = new HttpClient();
        var root = JsonDocument.Parse(await http.GetStringAsync(Server.Url + "/")).RootElement;

        Assert.False(root.TryGetProperty("console", out _));
        Assert.True(root.TryGetProperty("jwks", out _));
    }
}
