using System.Net;
using System.Text.RegularExpressions;
using AuthServer.Tests.Infrastructure;
using AuthServer.AdminConsole;

namespace AuthServer.Tests.AdminConsole;

/// <summary>A new client secret is shown once, enforced by the server, not by a browser deleting a cookie.</summary>
public sealed class AdminOneTimeSecretTests : ServerTest
{
    private AdminHttpSession _console = null!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        var added = await CliRunner.RunAsync(DatabaseFile, Server.Url, $"admins add {AdminHttpSession.AdminName}", AdminHttpSession.AdminPassword + "\n");
        Assert.Equal(0, added.ExitCode);
        _console = new AdminHttpSession(Server.Url);
        await _console.SignInAsync();
    }

    public override async Task DisposeAsync()
    {
        _console.Dispose();
        await base.DisposeAsync();
    }

    [Fact]
    public async Task A_replayed_copy_of_the_secret_pages_cookie_shows_the_new_secret_no_more()
    {
        var token = await _console.FormTokenAsync("/admin/Clients/Create");
        using var created = await _console.PostFormAsync("/admin/Clients/Create", token, new Dictionary<string, string>
        {
            ["ClientId"] = "replayed",
            ["Form.Grants"] = "client_credentials",
            ["Form.Scopes"] = "sample-api.read",
        });
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var captured = _console.Cookies[AdminTempData.CookieName];

        var first = await SecretPageAsync();
        var secret = Regex.Match(first, "<pre id=\"client-secret\">([^<]+)</pre>").Groups[1].Value;
        Assert.NotEmpty(secret);

        _console.Cookies[AdminTempData.CookieName] = captured;
        var replayed = await SecretPageAsync();

        Assert.Contains("id=\"secret-gone\"", replayed);
        Assert.DoesNotContain(secret, replayed);
    }

    [Fact]
    public async Task The_secret_page_cookie_of_one_admin_shows_nothing_to_another()
    {
        Assert.Equal(0, (await CliRunner.RunAsync(DatabaseFile, Server.Url, "admins add bob", AdminHttpSession.AdminPassword + "\n")).ExitCode);
        var token = await _console.FormTokenAsync("/admin/Clients/Create");
        using var created = await _console.PostFormAsync("/admin/Clients/Create", token, new Dictionary<string, string>
        {
            ["ClientId"] = "stolen",
            ["Form.Grants"] = "client_credentials",
            ["Form.Scopes"] = "sample-api.read",
        });
        using var bob = new AdminHttpSession(Server.Url);
        await bob.SignInAsync("bob");
        bob.Cookies[AdminTempData.CookieName] = _console.Cookies[AdminTempData.CookieName];

        using var response = await bob.GetAsync("/admin/Clients/Secret");

        Assert.Contains("id=\"secret-gone\"", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Another_admins_read_of_the_secret_pages_cookie_leaves_the_secret_for_the_admin_who_made_it()
    {
        Assert.Equal(0, (await CliRunner.RunAsync(DatabaseFile, Server.Url, "admins add bob", AdminHttpSession.AdminPassword + "\n")).ExitCode);
        var token = await _console.FormTokenAsync("/admin/Clients/Create");
        using var created = await _console.PostFormAsync("/admin/Clients/Create", token, new Dictionary<string, string>
        {
            ["ClientId"] = "kept-for-owner",
            ["Form.Grants"] = "client_credentials",
            ["Form.Scopes"] = "sample-api.read",
        });
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        using var bob = new AdminHttpSession(Server.Url);
        await bob.SignInAsync("bob");
        bob.Cookies[AdminTempData.CookieName] = _console.Cookies[AdminTempData.CookieName];
        using var bobs = await bob.GetAsync("/admin/Clients/Secret");
        Assert.Contains("id=\"secret-gone\"", await bobs.Content.ReadAsStringAsync());

        var owners = await SecretPageAsync();

        Assert.Matches("<pre id=\"client-secret\">[^<]+</pre>", owners);
        Assert.DoesNotContain("id=\"secret-gone\"", owners);
    }

    [Fact]
    public async Task The_wizards_secret_waits_for_its_own_clients_setup_page_and_shows_there_once_to_its_admin_only()
    {
        Assert.Equal(0, (await CliRunner.RunAsync(DatabaseFile, Server.Url, "admins add bob", AdminHttpSession.AdminPassword + "\n")).ExitCode);
        using var first = await WizardCreateAsync("first-app", "https://first.bubbleapps.io");
        Assert.Contains("id=\"client-secret\"", await SetupPageAsync(_console, "first-app"));
        using var created = await WizardCreateAsync("second-app", "https://first.bubbleapps.io");
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var captured = _console.Cookies[AdminTempData.CookieName];

        var otherClients = await SetupPageAsync(_console, "first-app");
        using var bob = new AdminHttpSession(Server.Url);
        await bob.SignInAsync("bob");
        bob.Cookies[AdminTempData.CookieName] = captured;
        var bobs = await SetupPageAsync(bob, "second-app");
        _console.Cookies[AdminTempData.CookieName] = captured;
        var owners = await SetupPageAsync(_console, "second-app");
        _console.Cookies[AdminTempData.CookieName] = captured;
        var replayed = await SetupPageAsync(_console, "second-app");

        Assert.DoesNotContain("id=\"client-secret\"", otherClients); // another client's page leaves it in place
        Assert.DoesNotContain("id=\"client-secret\"", bobs);
        var secret = Regex.Match(owners, "<pre id=\"client-secret\">([^<]+)</pre>").Groups[1].Value;
        Assert.NotEmpty(secret);
        Assert.Contains("id=\"authorization-header\"", owners);
        Assert.Contains("id=\"secret-hidden\"", replayed);
        Assert.DoesNotContain(secret, replayed);
        Assert.DoesNotContain("id=\"authorization-header\"", replayed);
    }

    private async Task<HttpResponseMessage> WizardCreateAsync(string clientId, string appUrl)
    {
        var token = await _console.FormTokenAsync("/admin/Connect?AppUrl=" + Uri.EscapeDataString(appUrl));
        return await _console.PostFormAsync("/admin/Connect?handler=Create", token, new Dictionary<string, string>
        {
            ["AppUrl"] = appUrl,
            ["ClientId"] = clientId,
            ["Scopes"] = "sample-api.read",
        });
    }

    private static async Task<string> SetupPageAsync(AdminHttpSession console, string clientId)
    {
        using var response = await console.GetAsync($"/admin/Connect?handler=Setup&clientId={clientId}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }

    private async Task<string> SecretPageAsync()
    {
        using var response = await _console.GetAsync("/admin/Clients/Secret");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }
}
