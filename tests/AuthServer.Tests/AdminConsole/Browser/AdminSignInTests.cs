using AuthServer.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using AuthServer.Administration.Audit;

namespace AuthServer.Tests.AdminConsole.Browser;

/// <summary>The sign-in page in Chromium: wrong passwords, lockout, landing on the Overview, with and without JavaScript.</summary>
public sealed class AdminSignInTests(BrowserFixture browser) : AdminBrowserTest(browser)
{
    private const string WrongPassword = "not the right password";

    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?> { ["Admin:LockoutThreshold"] = "3" };

    [Fact]
    public async Task Wrong_password_is_refused_then_the_account_locks_and_refuses_even_the_right_password()
    {
        Assert.Equal("Wrong name or password.", await SignInAsync(password: WrongPassword));
        Assert.Equal("Wrong name or password.", await SignInAsync(password: WrongPassword));
        Assert.StartsWith("Too many wrong passwords", await SignInAsync(password: WrongPassword));

        var withRightPassword = await SignInAsync();

        Assert.StartsWith("Too many wrong passwords: sign-in with this name is locked until", withRightPassword);
        Assert.Contains("/admin/SignIn", Page.Url);
        Assert.Equal("", await Page.InputValueAsync("#password"));
        Assert.DoesNotContain(AdminPassword, await Page.ContentAsync());
        await ScreenshotAsync(Page, "sign-in-locked");
    }

    [Fact]
    public async Task Unknown_name_gets_the_same_messages_as_a_wrong_password_including_the_lockout()
    {
        var known = new List<string?>();
        var unknown = new List<string?>();
        for (var i = 0; i < 4; i++)
        {
            known.Add(Shape(await SignInAsync(AdminName, WrongPassword)));
            unknown.Add(Shape(await SignInAsync("mallory", WrongPassword)));
        }

        Assert.Equal(known, unknown);
        Assert.StartsWith("Too many wrong passwords", unknown[^1]);
    }

    [Fact]
    public async Task Signed_in_admin_lands_on_the_overview_with_health_and_the_active_key()
    {
        await Page.GotoAsync(AdminUrl("/SignIn"));
        await ScreenshotAsync(Page, "sign-in");

        Assert.Null(await SignInAsync());

        Assert.EndsWith("/admin", Page.Url);
        Assert.Equal("Ready", await Page.TextContentAsync("#health-status"));
        var activeKey = Server.Services.GetRequiredService<AuthServer.Keys.KeyRing>().Current.ActiveKeyId;
        Assert.Equal(activeKey, (await Page.TextContentAsync("#active-key-id"))?.Trim());
        var healthRows = await Page.Locator("#health-table tbody tr td:nth-child(3)").AllTextContentsAsync();
        Assert.Equal([$"Key {activeKey} signs.", "The store answers."], healthRows.Order(StringComparer.Ordinal));
        Assert.EndsWith("min", (await Page.TextContentAsync("#active-key-age"))?.Trim());
        Assert.Equal("page", await Page.GetAttributeAsync("nav a[href='/admin']", "aria-current"));
    }

    [Theory]
    [InlineData("/admin/SignOut", "/admin/SignOut")]
    [InlineData("https://attacker.example/admin", "/admin")]
    [InlineData("//attacker.example/admin", "/admin")]
    [InlineData("/metrics", "/admin")]
    public async Task Sign_in_returns_to_the_console_page_asked_for_and_nowhere_else(string returnUrl, string landsOn)
    {
        await Page.GotoAsync(AdminUrl("/SignIn?ReturnUrl=" + Uri.EscapeDataString(returnUrl)));

        Assert.Null(await SignInAsync());

        Assert.Equal(Server.Url + landsOn, Page.Url);
    }

    [Fact]
    public async Task Sign_in_and_the_overview_work_with_javascript_off()
    {
        await using var context = await NewContextAsync(javaScript: false);
        var page = await context.NewPageAsync();

        await page.GotoAsync(AdminUrl());
        Assert.Null(await SignInAsync(page, Server.Url));

        Assert.Equal("Ready", await page.TextContentAsync("#health-status"));
    }

    [Fact]
    public async Task Sign_in_and_sign_out_are_audit_events_naming_the_admin()
    {
        await SignInAsync(password: WrongPassword);
        await SignInAsync();
        await Page.ClickAsync("header form button[type=submit]");

        await using var scope = Server.Services.CreateAsyncScope();
        var events = (await scope.ServiceProvider.GetRequiredService<AdminAudit>().RecentAsync(1, 10)).Events;

        Assert.Equal([AuditActions.SignedOut, AuditActions.SignedIn, AuditActions.SignInFailed, AuditActions.AdminAdded],
            events.Select(e => e.Action));
        Assert.All(events.Take(3), e => Assert.Equal("admin:alice", e.Actor));
        Assert.DoesNotContain(events, e => (e.Detail ?? "").Contains(WrongPassword) || (e.Detail ?? "").Contains(AdminPassword));
        Assert.DoesNotContain(WrongPassword, Logs.AllText);
        Assert.DoesNotContain(AdminPassword, Logs.AllText);
    }

    // The lockout message names its own end time, which differs by the seconds between the two attempts.
    private static string? Shape(string? message) => message?.Split(" until ")[0];
}
