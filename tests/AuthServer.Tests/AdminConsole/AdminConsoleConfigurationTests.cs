using AuthServer.Hosting;
using AuthServer.Tests.Infrastructure;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using AuthServer.AdminConsole;
using AuthServer.Tests.Options;

namespace AuthServer.Tests.AdminConsole;

/// <summary>
/// <c>Admin:Enabled</c> and <c>Admin:Urls</c>: the console can be switched off entirely, or served on an address
/// of its own (a private one) and nowhere else; a bad <c>Admin:*</c> setting stops the start naming it.
/// </summary>
public sealed class AdminConsoleConfigurationTests : IDisposable
{
    private readonly TestDirectory _directory = new();
    private readonly LogCapture _logs = new();
    private readonly HttpClient _http = new(new HttpClientHandler { AllowAutoRedirect = false });

    [Fact]
    public async Task Disabled_console_answers_404_and_puts_no_cookie_scheme_in_the_server()
    {
        await using var server = await StartAsync(new() { ["Admin:Enabled"] = "false" });

        foreach (var path in new[] { "/admin", "/admin/SignIn", "/admin/admin.css", "/admin/admin.js" })
        {
            Assert.Equal(404, (int)(await _http.GetAsync(server.Url + path)).StatusCode);
        }

        Assert.Null(await server.Services.GetRequiredService<IAuthenticationSchemeProvider>().GetSchemeAsync(AdminCookie.Scheme));
        Assert.Equal(200, (int)(await _http.GetAsync(server.Url + "/.well-known/openid-configuration")).StatusCode);
    }

    [Fact]
    public async Task With_admin_urls_the_console_answers_there_only_and_that_address_answers_nothing_else()
    {
        var adminPort = Ports.Free();
        var adminUrl = $"http://127.0.0.1:{adminPort}";
        await using var server = await StartAsync(new() { ["Admin:Urls:0"] = adminUrl });

        Assert.Equal(404, (int)(await _http.GetAsync(server.Url + "/admin/SignIn")).StatusCode);
        Assert.Equal(404, (int)(await _http.GetAsync(server.Url + "/admin")).StatusCode);
        Assert.Equal(404, (int)(await _http.GetAsync(server.Url + "/admin/admin.css")).StatusCode);
        using var spoofed = new HttpRequestMessage(HttpMethod.Get, server.Url + "/admin/SignIn");
        spoofed.Headers.Host = $"127.0.0.1:{adminPort}"; // the port is the connection's, not the Host header's
        Assert.Equal(404, (int)(await _http.SendAsync(spoofed)).StatusCode);

        Assert.Equal(200, (int)(await _http.GetAsync(adminUrl + "/admin/SignIn")).StatusCode);
        Assert.Equal(200, (int)(await _http.GetAsync(adminUrl + "/admin/admin.css")).StatusCode);
        var redirect = await _http.GetAsync(adminUrl + "/admin");
        Assert.Equal(302, (int)redirect.StatusCode);
        Assert.StartsWith("/admin/SignIn", redirect.Headers.Location!.PathAndQuery);

        Assert.Equal(404, (int)(await _http.GetAsync(adminUrl + "/.well-known/openid-configuration")).StatusCode);
        Assert.Equal(404, (int)(await _http.PostAsync(adminUrl + "/connect/token", new FormUrlEncodedContent([]))).StatusCode);
        Assert.Equal(200, (int)(await _http.GetAsync(server.Url + "/.well-known/openid-configuration")).StatusCode);
    }

    [Theory]
    [InlineData("Admin:Urls:0", "127.0.0.1:5001", "Admin:Urls:0")]
    [InlineData("Admin:Urls:0", "http://127.0.0.1", "Admin:Urls:0")]
    [InlineData("Admin:Urls:0", "http://127.0.0.1:5001/console", "Admin:Urls:0")]
    [InlineData("Admin:LockoutThreshold", "0", "Admin:LockoutThreshold")]
    [InlineData("Admin:LockoutDuration", "00:00:00", "Admin:LockoutDuration")]
    [InlineData("Admin:SessionLifetime", "2.00:00:00", "Admin:SessionLifetime")]
    [InlineData("Admin:Enabled", "maybe", "Admin:Enabled")]
    public Task Bad_admin_setting_stops_the_start_naming_it(string key, string value, string named) =>
        ConfigurationValidationTests.AssertStartFailsNamingAsync(named, new Dictionary<string, string?> { [key] = value });

    [Fact]
    public Task Admin_urls_with_the_console_disabled_stops_the_start_naming_both() =>
        ConfigurationValidationTests.AssertStartFailsNamingAsync("Admin:Enabled", new Dictionary<string, string?>
        {
            ["Admin:Enabled"] = "false",
            ["Admin:Urls:0"] = "http://127.0.0.1:5001",
        });

    [Fact]
    public void Admin_url_on_a_port_the_server_already_listens_on_is_refused_naming_it()
    {
        var port = Ports.Free();

        var failure = Assert.Throws<InvalidOperationException>(() => AuthServerHost.Build(
            new WebApplicationOptions { EnvironmentName = "Production", ContentRootPath = _directory.Path },
            builder =>
            {
                builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
                builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Admin:Urls:0"] = $"http://127.0.0.1:{port}" });
            }));

        Assert.Contains("Admin:Urls:0", failure.Message);
    }

    public void Dispose()
    {
        _http.Dispose();
        _directory.Dispose();
    }

    private Task<AuthServerInstance> StartAsync(Dictionary<string, string?> settings) =>
        AuthServerInstance.StartAsync(_directory.File("authserver.db"), _logs, settings);
}
