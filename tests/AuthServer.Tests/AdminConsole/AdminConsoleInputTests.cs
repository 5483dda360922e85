using System.Net;
using AuthServer.Tests.Infrastructure;

namespace AuthServer.Tests.AdminConsole;

/// <summary>Query strings of the console that are nobody's to choose: a return address, a client filter.</summary>
public sealed class AdminConsoleInputTests : ServerTest
{
    private AdminHttpSession _console = null!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        var added = await CliRunner.RunAsync(DatabaseFile, Server.Url, $"admins add {AdminHttpSession.AdminName}", AdminHttpSession.AdminPassword + "\n");
        Assert.Equal(0, added.ExitCode);
        _console = new AdminHttpSession(Server.Url);
    }

    public override async Task DisposeAsync()
    {
        _console.Dispose();
        await base.DisposeAsync();
    }

    [Theory]
    [InlineData("~/admin")]
    [InlineData("~/admin/Keys")]
    [InlineData("admin")]
    [InlineData("/\\attacker.example/admin")]
    [InlineData("/admin\u0000")]
    [InlineData("/admin/../metrics")]
    [InlineData("/admin/%2e%2e/metrics")]
    public async Task A_return_url_that_is_no_local_console_path_is_ignored_after_the_password_and_when_signed_in(string returnUrl)
    {
        var path = "/admin/SignIn?ReturnUrl=" + Uri.EscapeDataString(returnUrl);
        var token = await _console.FormTokenAsync(path);
        using var signedIn = await _console.PostFormAsync(path, token,
            new Dictionary<string, string> { ["Name"] = AdminHttpSession.AdminName, ["Password"] = AdminHttpSession.AdminPassword });

        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        Assert.Equal("/admin", signedIn.Headers.Location?.OriginalString);

        using var again = await _console.GetAsync(path);
        Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);
        Assert.Equal("/admin", again.Headers.Location?.OriginalString);
    }

    [Theory]
    [InlineData("/admin/%C3%A9", "/admin/%C3%A9")]
    [InlineData("/admin/Clients?q=a%20b%E2%82%AC", "/admin/Clients?q=a%20b%E2%82%AC")]
    [InlineData("/admin/%F0%9F%94%91", "/admin/%F0%9F%94%91")]
    public async Task A_return_url_with_characters_a_header_cannot_carry_redirects_percent_encoded_after_the_password_and_when_signed_in(
        string escapedReturnUrl, string location)
    {
        // As a browser sends it: the query escapes the characters, and the page reads them decoded (é, a space, €, 🔑).
        var path = "/admin/SignIn?ReturnUrl=" + escapedReturnUrl.Replace("?", "%3F").Replace("=", "%3D");
        var token = await _console.FormTokenAsync(path);
        using var signedIn = await _console.PostFormAsync(path, token,
            new Dictionary<string, string> { ["Name"] = AdminHttpSession.AdminName, ["Password"] = AdminHttpSession.AdminPassword });

        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        Assert.Equal(location, signedIn.Headers.Location?.OriginalString);

        using var again = await _console.GetAsync(path);
        Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);
        Assert.Equal(location, again.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task Signing_out_with_a_return_url_a_header_cannot_carry_redirects_to_the_sign_in_page()
    {
        await _console.SignInAsync();
        var token = await _console.FormTokenAsync("/admin");

        using var signedOut = await _console.PostFormAsync("/admin/SignOut?ReturnUrl=/admin/%C3%A9", token, new Dictionary<string, string>());

        Assert.Equal(HttpStatusCode.Redirect, signedOut.StatusCode);
        Assert.Equal("/admin/SignIn", signedOut.Headers.Location?.OriginalString);
    }

    [Theory]
    [InlineData("a%00b")]
    [InlineData("a%01b")]
    [InlineData("a%0Ab")]
    public async Task Activity_filtered_by_a_client_id_with_a_control_character_says_so_instead_of_asking_the_store(string client)
    {
        await _console.SignInAsync();

        using var response = await _console.GetAsync("/admin/Activity?client=" + client);
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("id=\"invalid-client\"", html);
        Assert.DoesNotContain('\0', html);
    }
}
