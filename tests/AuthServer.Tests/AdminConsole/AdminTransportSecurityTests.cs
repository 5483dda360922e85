using System.Net;
using AuthServer.Storage.Admin;
using AuthServer.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using AuthServer.AdminConsole;

namespace AuthServer.Tests.AdminConsole;

/// <summary>
/// Outside Development (<c>Auth:RequireHttps</c>, as the token endpoint) the console refuses plain HTTP before it
/// reads a form: no password sent in clear is checked.
/// </summary>
public sealed class AdminTransportSecurityTests : IAsyncLifetime
{
    private readonly TestDirectory _directory = new();
    private readonly GatedPasswordHasher _hasher = new();

    [Fact]
    public async Task Plain_http_sign_in_is_refused_before_the_password_is_checked_when_https_is_required()
    {
        await using var server = await StartAsync();
        using var console = new AdminHttpSession(server.Url);

        using var page = await console.GetAsync("/admin/SignIn");
        using var post = await console.SendAsync(new HttpRequestMessage(HttpMethod.Post, "/admin/SignIn")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["Name"] = "alice", ["Password"] = AdminHttpSession.AdminPassword }),
        });

        Assert.Equal(HttpStatusCode.BadRequest, page.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, post.StatusCode);
        Assert.Equal(AdminTransportSecurity.Refusal, await post.Content.ReadAsStringAsync());
        Assert.False(post.Headers.Contains("Set-Cookie"));
        Assert.Equal(0, _hasher.Verifications);
    }

    [Fact]
    public async Task Https_forwarded_by_a_listed_proxy_reaches_the_console()
    {
        await using var server = await StartAsync(new() { ["ForwardedHeaders:KnownProxies:0"] = "127.0.0.1" });
        using var console = new AdminHttpSession(server.Url) { Headers = { ["X-Forwarded-Proto"] = "https" } };

        await console.SignInAsync();

        Assert.Equal(1, _hasher.Verifications);
    }

    [Fact]
    public async Task The_forwarded_scheme_of_an_unlisted_sender_is_not_believed()
    {
        await using var server = await StartAsync();
        using var console = new AdminHttpSession(server.Url) { Headers = { ["X-Forwarded-Proto"] = "https" } };

        using var page = await console.GetAsync("/admin/SignIn");

        Assert.Equal(HttpStatusCode.BadRequest, page.StatusCode);
    }

    [Fact]
    public async Task A_console_address_on_loopback_may_be_plain_http_an_ssh_tunnel_ends_there()
    {
        var port = Ports.Free();
        await using var server = await StartAsync(new() { ["Admin:Urls:0"] = $"http://127.0.0.1:{port}" });
        using var console = new AdminHttpSession($"http://127.0.0.1:{port}");

        await console.SignInAsync();
    }

    private async Task<AuthServerInstance> StartAsync(Dictionary<string, string?>? extra = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Auth:Issuer"] = "https://auth.example.com",
            ["Auth:RequireHttps"] = null,
        };
        foreach (var (key, value) in extra ?? []) settings[key] = value;
        var server = await AuthServerInstance.StartAsync(_directory.File("authserver.db"), new LogCapture(), settings,
            configure: builder => builder.Services.Replace(ServiceDescriptor.Singleton<IPasswordHasher<AdminAccount>>(_hasher)));
        var added = await CliRunner.RunAsync(_directory.File("authserver.db"), server.Url,
            $"admins add {AdminHttpSession.AdminName}", AdminHttpSession.AdminPassword + "\n");
        Assert.Equal(0, added.ExitCode);
        return server;
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync()
    {
        _directory.Dispose();
        return Task.CompletedTask;
    }
}
