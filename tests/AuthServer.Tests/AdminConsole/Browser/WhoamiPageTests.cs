using AuthServer.Tests.Infrastructure;

namespace AuthServer.Tests.AdminConsole.Browser;

/// <summary>
/// "Test whoami" in Chromium against the Bubble simulator: a good token shows the claims, a logged-out one is
/// rejected, and the pasted token is in neither the page nor the server's logs.
/// </summary>
public sealed class WhoamiPageTests(BrowserFixture browser) : BubbleAdminBrowserTest(browser)
{
    [Fact]
    public async Task A_good_token_shows_the_claims_and_appears_nowhere_in_the_page_or_the_logs()
    {
        var token = await LogInAtBubbleAsync();
        await SignInAsync();

        await TestAsync(token);

        Assert.Equal("user", (await Page.TextContentAsync("#whoami-outcome"))?.Trim());
        var claims = await Page.Locator("#whoami-claims tbody tr").AllInnerTextsAsync();
        Assert.Contains(claims, row => row.StartsWith("email\tada@example.com", StringComparison.Ordinal));
        Assert.Contains(claims, row => row.StartsWith("plan\tpro\ttext", StringComparison.Ordinal));
        Assert.Equal("", await Page.InputValueAsync("#token"));
        Assert.Equal("off", await Page.GetAttributeAsync("#token", "autocomplete"));
        AssertNowhere(token, await Page.ContentAsync());
        await ScreenshotAsync(Page, "whoami");
    }

    [Fact]
    public async Task A_logged_out_token_is_rejected_and_appears_nowhere_in_the_page_or_the_logs()
    {
        var token = await LogInAtBubbleAsync();
        Assert.True(Bubble.Simulator.Live.LogOut(token));
        await SignInAsync();

        await TestAsync(token);

        Assert.Equal("rejected", (await Page.TextContentAsync("#whoami-outcome"))?.Trim());
        Assert.Contains("Bubble answered 401", await Page.TextContentAsync("#whoami-explanation"));
        Assert.Equal(0, await Page.Locator("#whoami-claims").CountAsync());
        AssertNowhere(token, await Page.ContentAsync());
    }

    [Fact]
    public async Task The_page_lists_only_clients_bound_to_a_bubble_app()
    {
        await SignInAsync();
        await Page.GotoAsync(AdminUrl("/Whoami"));

        var options = await Page.Locator("#client option").AllTextContentsAsync();

        Assert.Equal(new[] { $"{ConfiguredClient} ({Bubble.Url})" }, options.ToArray());
    }

    private async Task TestAsync(string token)
    {
        await Page.GotoAsync(AdminUrl("/Whoami"));
        await Page.SelectOptionAsync("#client", ConfiguredClient);
        await Page.FillAsync("#token", token);
        await Page.ClickAsync("main form button[type=submit]");
    }

    /// <summary>Neither the token nor its parts (Bubble's are <c>bus|id|id</c>), raw or encoded, in the page or the logs.</summary>
    private void AssertNowhere(string token, string html)
    {
        var parts = token.Split('|').Where(p => p.Length >= 16).Append(token).ToList();
        foreach (var part in parts.Concat(parts.Select(Uri.EscapeDataString)).Distinct())
        {
            Assert.DoesNotContain(part, html, StringComparison.Ordinal);
            Assert.DoesNotContain(part, Logs.AllText, StringComparison.Ordinal);
        }
    }
}
