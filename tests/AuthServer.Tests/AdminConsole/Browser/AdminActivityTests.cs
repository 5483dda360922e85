using AuthServer.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using AuthServer.AdminConsole.Pages;
using AuthServer.Administration.Audit;
using AuthServer.Operations.Logging;

namespace AuthServer.Tests.AdminConsole.Browser;

/// <summary>The Activity page in Chromium: the audit trail newest first, paged, and filtered by client with JavaScript off.</summary>
public sealed class AdminActivityTests(BrowserFixture browser) : AdminBrowserTest(browser)
{
    [Fact]
    public async Task Activity_lists_the_sign_in_and_a_key_rotation_newest_first()
    {
        Assert.Null(await SignInAsync());
        await Page.ClickAsync("nav a[href='/admin/Keys']");
        await Page.ClickAsync("#rotate-link");
        await Page.ClickAsync("#confirm-rotate-button");
        var rotated = (await Page.Locator("#key-timeline tr:has(td.state-announced)").GetAttributeAsync("data-kid"))!;

        await Page.ClickAsync("nav a[href='/admin/Activity']");

        var rows = await RowsAsync();
        Assert.Equal(ChangeActors.Admin(AdminName), rows[0].Actor);
        Assert.Equal(rotated, rows[0].Key); // the rotation, newest
        Assert.Contains(rows, r => r.Action == AuditActions.SignedIn && r.Actor == ChangeActors.Admin(AdminName));
        Assert.Equal(AuditActions.AdminAdded, rows[^1].Action); // the CLI's admins add, oldest
        await ScreenshotAsync(Page, "activity");
    }

    [Fact]
    public async Task Activity_pages_through_more_events_than_a_page_with_older_and_newer_links()
    {
        await RecordAsync(ActivityModel.PageSize + 3, i => ("test.event", null, $"event {i}"));
        Assert.Null(await SignInAsync());
        await Page.GotoAsync(AdminUrl("/Activity"));

        var first = await RowsAsync();
        Assert.Equal(ActivityModel.PageSize, first.Count);
        Assert.Equal(0, await Page.Locator("#newer").CountAsync());
        await Page.ClickAsync("#older");
        var second = await RowsAsync();

        var total = ActivityModel.PageSize + 3 + 2; // the seeded events, the CLI's admins add and the sign-in
        Assert.Equal(total - ActivityModel.PageSize, second.Count);
        Assert.True(second.Max(r => r.Id) < first.Min(r => r.Id), "the second page holds older events");
        Assert.Equal(0, await Page.Locator("#older").CountAsync());
        await Page.ClickAsync("#newer");
        Assert.Equal(first.Select(r => r.Id), (await RowsAsync()).Select(r => r.Id));
    }

    [Fact]
    public async Task Client_filter_shows_only_that_clients_events_with_javascript_off()
    {
        await RecordAsync(5, i => ("client.updated", i % 2 == 0 ? "robot" : "other-app", null));
        await using var context = await NewContextAsync(javaScript: false);
        var page = await context.NewPageAsync();
        Assert.Null(await SignInAsync(page, Server.Url));
        await page.GotoAsync(AdminUrl("/Activity"));

        await page.FillAsync("#client", "robot");
        await page.ClickAsync("#activity-filter button[type=submit]");

        Assert.Contains("client=robot", page.Url);
        var clients = await page.Locator("#activity td.client").AllTextContentsAsync();
        Assert.Equal(["robot", "robot", "robot"], clients);
        await page.ClickAsync("#all-clients");
        Assert.Contains("other-app", await page.Locator("#activity td.client").AllTextContentsAsync());
    }

    private sealed record Row(long Id, string Actor, string Action, string Client, string Key);

    private async Task<List<Row>> RowsAsync()
    {
        var cells = await Page.Locator("#activity tbody tr").EvaluateAllAsync<string[][]>(
            "rows => rows.map(r => [r.dataset.id, ...Array.from(r.cells).map(c => c.textContent.trim())])");
        return [.. cells.Select(c => new Row(long.Parse(c[0], System.Globalization.CultureInfo.InvariantCulture), c[2], c[3], c[4], c[5]))];
    }

    /// <summary>Audit events of other engineers' actions (clients and the like), written where they write theirs.</summary>
    private async Task RecordAsync(int count, Func<int, (string Action, string? ClientId, string? Detail)> make)
    {
        await using var scope = Server.Services.CreateAsyncScope();
        var audit = scope.ServiceProvider.GetRequiredService<AdminAudit>();
        for (var i = 0; i < count; i++)
        {
            var (action, clientId, detail) = make(i);
            await audit.RecordAsync(ChangeActors.Cli, action, clientId, detail: detail);
        }
    }
}
