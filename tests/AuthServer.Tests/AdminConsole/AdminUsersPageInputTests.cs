using System.Net;
using AuthServer.Tests.Infrastructure;

namespace AuthServer.Tests.AdminConsole;

/// <summary>The Users page's search and its two ends, with input no form would send: never a 500, never an end without antiforgery.</summary>
public sealed class AdminUsersPageInputTests : ServerTest
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

    [Fact]
    public async Task The_page_needs_a_signed_in_admin()
    {
        using var response = await _console.GetAsync("/admin/Users?q=1x1");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("/admin/SignIn", response.Headers.Location?.OriginalString);
    }

    [Theory]
    [InlineData("%00")]
    [InlineData("1x1%0A2")]
    [InlineData("%FF%FE")]
    public async Task A_search_that_names_no_one_is_said_so_or_finds_nothing_never_a_500(string query)
    {
        await _console.SignInAsync();

        using var response = await _console.GetAsync("/admin/Users?q=" + query);
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(html.Contains("id=\"invalid-search\"") || html.Contains("id=\"no-sessions\""), html);
    }

    [Fact]
    public async Task An_oversized_search_is_refused_and_not_echoed_whole()
    {
        await _console.SignInAsync();
        var search = new string('1', 5000);

        using var response = await _console.GetAsync("/admin/Users?q=" + search);
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("id=\"invalid-search\"", html);
        Assert.DoesNotContain(search, html);
    }

    [Theory]
    [InlineData("EndAll")]
    [InlineData("End")]
    public async Task An_end_without_the_antiforgery_token_is_refused(string handler)
    {
        await _console.SignInAsync();

        using var response = await _console.PostFormAsync($"/admin/Users?handler={handler}", "forged",
            new Dictionary<string, string> { ["q"] = "1x1", ["chain"] = "x" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Theory]
    [InlineData("EndAll", "", "")]
    [InlineData("EndAll", "1x1", "")]
    [InlineData("End", "1x1", "no-such-chain")]
    [InlineData("End", "", "")]
    public async Task An_end_of_nothing_redirects_back_and_says_nothing_changed(string handler, string search, string chain)
    {
        await _console.SignInAsync();
        var token = await _console.FormTokenAsync("/admin/Users");

        using var response = await _console.PostFormAsync($"/admin/Users?handler={handler}", token,
            new Dictionary<string, string> { ["q"] = search, ["chain"] = chain });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/admin/Users", response.Headers.Location?.OriginalString);
        using var page = await _console.GetAsync(response.Headers.Location!.OriginalString);
        Assert.Contains("nothing changed", await page.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("EndAll", "1x1\u0000", "")]
    [InlineData("End", "1x1", "chain\u0000")]
    public async Task An_end_with_a_control_character_is_400_never_a_500(string handler, string search, string chain)
    {
        await _console.SignInAsync();
        var token = await _console.FormTokenAsync("/admin/Users");

        using var response = await _console.PostFormAsync($"/admin/Users?handler={handler}", token,
            new Dictionary<string, string> { ["q"] = search, ["chain"] = chain });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }
}
