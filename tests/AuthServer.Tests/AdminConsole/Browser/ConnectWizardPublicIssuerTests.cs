using AuthServer.Tests.Infrastructure;

namespace AuthServer.Tests.AdminConsole.Browser;

/// <summary>
/// The wizard and the Bubble setup page of a server whose issuer is a public https address, as deployed: no
/// reachability warning, and the guide's token endpoint is the issuer's. Its pages are the README's screenshots.
/// </summary>
public sealed class ConnectWizardPublicIssuerTests(BrowserFixture browser) : BubbleAdminBrowserTest(browser)
{
    private const string Issuer = "https://auth.example.com";

    protected override IDictionary<string, string?> Settings =>
        new Dictionary<string, string?>(base.Settings) { ["Auth:Issuer"] = Issuer };

    [Fact]
    public async Task A_public_https_issuer_gets_no_reachability_warning_at_any_step_nor_on_the_setup_page()
    {
        await SignInAsync();
        await Page.GotoAsync(AdminUrl("/Connect"));
        Assert.Equal(0, await Page.Locator("#reachability").CountAsync());
        await Page.FillAsync("#app-url", Bubble.Url);
        await Page.ClickAsync("main form button[type=submit]");
        Assert.Equal(0, await Page.Locator("#reachability").CountAsync());
        await Page.FillAsync("#claims", "plan");

        await Page.ClickAsync("main form button[type=submit]");

        Assert.Equal("Steps 3 and 4 of 4", (await Page.TextContentAsync("#wizard-step"))!.Trim());
        Assert.Equal(0, await Page.Locator("#reachability").CountAsync());
        Assert.Equal(Issuer + "/connect/token", (await Page.TextContentAsync("#token-endpoint"))!.Trim());
        await ScreenshotAsync(Page, "connect");
        await Page.ReloadAsync();
        Assert.Equal("Bubble setup of local-bubble-app", (await Page.TextContentAsync("h1"))!.Trim());
        Assert.Equal(0, await Page.Locator("#reachability").CountAsync());
        await ScreenshotAsync(Page, "bubble-setup");
    }
}
