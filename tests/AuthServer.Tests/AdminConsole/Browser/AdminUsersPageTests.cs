using AuthServer.Tests.Infrastructure;

namespace AuthServer.Tests.AdminConsole.Browser;

/// <summary>
/// The Users page in Chromium: a Bubble user's sessions found by email or user id, one ended, then all, each after a
/// confirmation step and answered by a redirect (a reload ends nothing more); the ended chains refuse to refresh.
/// </summary>
public sealed class AdminUsersPageTests(BrowserFixture browser) : BubbleAdminBrowserTest(browser)
{
    private const string Secret = "bubble-app-secret-0123456789";

    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>(base.Settings)
    {
        ["Clients:0:GrantTypes:1"] = "refresh_token",
        ["Clients:0:Scopes:1"] = "offline_access",
    };

    [Fact]
    public async Task Search_by_email_lists_the_chains_and_ending_one_leaves_the_other()
    {
        var first = await StartSessionAsync();
        var second = await StartSessionAsync();
        await SignInAsync();

        await Page.GotoAsync(AdminUrl("/Users"));
        await Page.FillAsync("#q", UserEmail.ToUpperInvariant());
        await Page.ClickAsync("#user-search button[type=submit]");

        var rows = Page.Locator("#sessions tbody tr");
        Assert.Equal(2, await rows.CountAsync());
        Assert.Contains(ConfiguredClient, await rows.First.TextContentAsync());
        Assert.Contains(Bubble.Url, await rows.First.TextContentAsync());
        await ScreenshotAsync(Page, "users");

        // Newest first: the last row is the first session.
        var chainId = await rows.Last.GetAttributeAsync("data-chain");
        await rows.Last.Locator(".end-link").ClickAsync();
        Assert.Contains(chainId!, await Page.TextContentAsync("#confirm-end"));
        await Page.ClickAsync("#confirm-end-button");

        Assert.Contains($"Session {chainId} ended.", await Page.TextContentAsync("#users-done"));
        Assert.Contains("/admin/Users?q=", Page.Url); // redirected after the POST
        Assert.Equal(1, await Page.Locator("#sessions tbody tr").CountAsync());
        Assert.Equal(400, (await RefreshAsync(first)).Status);
        Assert.Equal(200, (await RefreshAsync(second)).Status);

        await Page.ReloadAsync(); // a GET: nothing is ended again, the message is gone
        Assert.Equal(1, await Page.Locator("#sessions tbody tr").CountAsync());
        Assert.Equal(0, await Page.Locator("#users-done").CountAsync());
    }

    [Fact]
    public async Task Search_by_user_id_and_end_all_ends_every_chain()
    {
        var sessions = new[] { await StartSessionAsync(), await StartSessionAsync() };
        await SignInAsync();
        await Page.GotoAsync(AdminUrl("/Users?q=" + Uri.EscapeDataString(UserEmail)));
        var userId = (await Page.Locator("#sessions tbody tr .user").First.TextContentAsync())!.Trim();

        await Page.GotoAsync(AdminUrl("/Users"));
        await Page.FillAsync("#q", userId);
        await Page.ClickAsync("#user-search button[type=submit]");
        Assert.Equal(2, await Page.Locator("#sessions tbody tr").CountAsync());
        await Page.ClickAsync("#end-all-link");
        Assert.Contains("End all 2 session(s) of user " + userId, await Page.TextContentAsync("#confirm-end-all"));
        await Page.ClickAsync("#confirm-end-all-button");

        Assert.Contains($"Ended 2 session(s) of user {userId}.", await Page.TextContentAsync("#users-done"));
        Assert.Equal(1, await Page.Locator("#no-sessions").CountAsync());
        foreach (var refreshToken in sessions)
        {
            Assert.Equal(400, (await RefreshAsync(refreshToken)).Status);
        }

        await Page.GotoAsync(AdminUrl("/Activity"));
        Assert.Contains("session.user_sessions_ended", await Page.TextContentAsync("#activity"));
        Assert.Contains("admin:" + AdminName, await Page.TextContentAsync("#activity"));
    }

    /// <summary>A Bubble login exchanged with offline_access, as a Bubble app's workflow makes it; its refresh token.</summary>
    private async Task<string> StartSessionAsync()
    {
        using var tokens = new TokenClient(Server.Url);
        var exchanged = await tokens.PostAsync(new Dictionary<string, string>
        {
            ["grant_type"] = "urn:ietf:params:oauth:grant-type:token-exchange",
            ["subject_token"] = await LogInAtBubbleAsync(),
            ["subject_token_type"] = "urn:bubble:token-type:user",
            ["scope"] = "sample-api.read offline_access",
        }, ConfiguredClient, Secret);
        Assert.True(exchanged.Status == 200, exchanged.Json.ToString());
        return exchanged["refresh_token"]!;
    }

    private async Task<TokenResponse> RefreshAsync(string refreshToken)
    {
        using var tokens = new TokenClient(Server.Url);
        return await tokens.PostAsync(new Dictionary<string, string> { ["grant_type"] = "refresh_token", ["refresh_token"] = refreshToken },
            ConfiguredClient, Secret);
    }
}
