using System.Text.Json;
using AuthServer.Tests.Infrastructure;

namespace AuthServer.Tests.AdminConsole.Browser;

/// <summary>
/// The Keys page in Chromium: the timeline of <c>keys list</c>, rotation (announced and at once) and revocation
/// confirmed by typing the kid, each seen in <c>/.well-known/jwks</c> as the page says.
/// </summary>
public sealed class AdminKeysTests(BrowserFixture browser) : AdminBrowserTest(browser)
{
    /// <summary>Maintenance:KeyRingRefreshInterval is at most 5 s (docs/operators.md, "Admin CLI"); the rest is room for a busy machine.</summary>
    private static readonly TimeSpan JwksBound = TimeSpan.FromSeconds(15);

    [Fact]
    public async Task Rotate_now_announces_a_new_key_that_appears_in_the_jwks_and_the_timeline()
    {
        var before = await JwksKidsAsync();
        await OpenKeysAsync();

        await Page.ClickAsync("#rotate-link");
        Assert.Contains("PropagationTime", await Page.TextContentAsync("#confirm-rotate"));
        Assert.Equal("Announce the new key", (await Page.TextContentAsync("#confirm-rotate-button"))?.Trim()); // says what it does
        await Page.ClickAsync("#confirm-rotate-button");

        var announced = Assert.Single(await KidsInStateAsync("announced"));
        Assert.DoesNotContain(announced, before);
        Assert.Contains($"Key {announced}", await Page.TextContentAsync("#keys-done"));
        Assert.Contains("announced; it starts signing at", await Page.TextContentAsync("#keys-done"));
        Assert.EndsWith("/admin/Keys", Page.Url); // redirected after the POST: a reload does not rotate again
        await WaitForJwksAsync(kids => kids.Contains(announced));
        await ScreenshotAsync(Page, "keys");
    }

    [Fact]
    public async Task Rotate_signing_at_once_warns_first_then_the_new_key_is_active_and_published()
    {
        var previous = Assert.Single(await TimelineKidsAsync(await OpenKeysAsync(), "active"));

        await Page.ClickAsync("#rotate-now-link");
        Assert.Contains("401", await Page.TextContentAsync("#confirm-rotate .warning"));
        Assert.Equal("Rotate, signing at once", (await Page.TextContentAsync("#confirm-rotate-button"))?.Trim());
        await Page.ClickAsync("#confirm-rotate-button");

        var active = Assert.Single(await KidsInStateAsync("active"));
        Assert.Equal($"Key {active} (RS256) signs from now on.", (await Page.TextContentAsync("#keys-done"))?.Trim()); // does what the button said
        Assert.NotEqual(previous, active);
        Assert.Contains(previous, await KidsInStateAsync("retired"));
        await WaitForJwksAsync(kids => kids.Contains(active));
    }

    [Fact]
    public async Task Revoke_confirmed_by_typing_the_kid_removes_the_key_from_the_jwks()
    {
        var revoked = Assert.Single(await TimelineKidsAsync(await OpenKeysAsync(), "active"));
        Assert.Contains(revoked, await JwksKidsAsync());

        await Page.ClickAsync($"tr[data-kid='{revoked}'] .revoke-link");
        await Page.FillAsync("#typed-kid", revoked);
        await Page.ClickAsync("#confirm-revoke-button");

        Assert.Contains($"Key {revoked} revoked", await Page.TextContentAsync("#keys-done"));
        Assert.Contains(revoked, await KidsInStateAsync("revoked"));
        Assert.Single(await KidsInStateAsync("active")); // a fresh key signs
        await WaitForJwksAsync(kids => !kids.Contains(revoked) && kids.Count > 0);
    }

    [Fact]
    public async Task Revoke_with_a_wrong_kid_typed_is_refused_and_changes_nothing()
    {
        var kid = Assert.Single(await TimelineKidsAsync(await OpenKeysAsync(), "active"));
        var before = await JwksKidsAsync();

        await Page.ClickAsync($"tr[data-kid='{kid}'] .revoke-link");
        await Page.FillAsync("#typed-kid", kid[..^1]);
        await Page.ClickAsync("#confirm-revoke-button");

        Assert.Contains("Not revoked", await Page.TextContentAsync("#keys-error"));
        Assert.Equal([kid], await KidsInStateAsync("active"));
        Assert.Empty(await KidsInStateAsync("revoked"));
        Assert.Equal(before, await JwksKidsAsync());
    }

    private async Task<Microsoft.Playwright.IPage> OpenKeysAsync()
    {
        Assert.Null(await SignInAsync());
        await Page.ClickAsync("nav a[href='/admin/Keys']");
        return Page;
    }

    private Task<List<string>> KidsInStateAsync(string state) => TimelineKidsAsync(Page, state);

    private static async Task<List<string>> TimelineKidsAsync(Microsoft.Playwright.IPage page, string state) =>
        [.. await page.Locator($"#key-timeline tr:has(td.state-{state})").EvaluateAllAsync<string[]>("rows => rows.map(r => r.dataset.kid)")];

    private async Task<List<string>> JwksKidsAsync()
    {
        using var http = new HttpClient();
        var jwks = JsonDocument.Parse(await http.GetStringAsync(Server.Url + "/.well-known/jwks")).RootElement;
        return [.. jwks.GetProperty("keys").EnumerateArray().Select(k => k.GetProperty("kid").GetString()!).Order()];
    }

    private async Task WaitForJwksAsync(Func<List<string>, bool> shown)
    {
        var deadline = DateTime.UtcNow + JwksBound;
        List<string> kids;
        while (!shown(kids = await JwksKidsAsync()))
        {
            Assert.True(DateTime.UtcNow < deadline, $"the JWKS did not change as shown within {JwksBound}: {string.Join(", ", kids)}");
            await Task.Delay(200);
        }
    }
}
