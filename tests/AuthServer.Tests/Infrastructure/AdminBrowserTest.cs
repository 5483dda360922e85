using Microsoft.Playwright;

namespace AuthServer.Tests.Infrastructure;

/// <summary>
/// A real AuthServer, an admin created with the CLI (<c>admins add</c>, the password on standard input) and a
/// fresh browser context of <see cref="BrowserFixture"/>'s Chromium, signed in through the real page when a test asks.
/// </summary>
[Collection(BrowserFixture.Collection)]
public abstract class AdminBrowserTest(BrowserFixture browser) : IAsyncLifetime
{
    public const string AdminName = "alice";
    public const string AdminPassword = "correct horse battery staple";

    /// <summary>A folder to save screenshots of the console in (<c>docs/admin</c> to refresh those of docs/operators.md); unset, none are taken.</summary>
    public const string ScreenshotsVariable = "AUTHSERVER_ADMIN_SCREENSHOTS";

    protected TestDirectory Directory { get; } = new();
    protected LogCapture Logs { get; } = new();
    protected AuthServerInstance Server { get; private set; } = null!;
    protected IBrowserContext Context { get; private set; } = null!;
    protected IPage Page { get; private set; } = null!;

    protected string DatabaseFile => Directory.File("authserver.db");

    protected virtual IDictionary<string, string?> Settings => new Dictionary<string, string?>();

    protected string AdminUrl(string path = "") => Server.Url + "/admin" + path;

    public virtual async Task InitializeAsync()
    {
        var settings = Settings;
        if (ServerTest.UsesTheDefaultStore(settings))
        {
            await MigratedTemplate.CopyToAsync(DatabaseFile);
        }

        Server = await AuthServerInstance.StartAsync(DatabaseFile, Logs, settings);
        var added = await CliRunner.RunAsync(DatabaseFile, Server.Url, $"admins add {AdminName}", AdminPassword + "\n");
        Assert.True(added.ExitCode == 0, added.Error);
        Context = await NewContextAsync();
        Page = await Context.NewPageAsync();
    }

    public virtual async Task DisposeAsync()
    {
        await Context.DisposeAsync();
        await Server.DisposeAsync();
        Directory.Dispose();
    }

    protected Task<IBrowserContext> NewContextAsync(bool javaScript = true) =>
        browser.Browser.NewContextAsync(new BrowserNewContextOptions { JavaScriptEnabled = javaScript, ViewportSize = new() { Width = 1100, Height = 700 } });

    /// <summary>Fills in and submits the sign-in page; returns the page's message (null when none, as after a success).</summary>
    protected static async Task<string?> SignInAsync(IPage page, string baseUrl, string name = AdminName, string password = AdminPassword)
    {
        if (!page.Url.Contains("/admin/SignIn", StringComparison.Ordinal))
        {
            await page.GotoAsync(baseUrl + "/admin/SignIn");
        }

        await page.FillAsync("#name", name);
        await page.FillAsync("#password", password);
        await page.ClickAsync("form button[type=submit]");
        var message = page.Locator("#sign-in-message");
        return await message.CountAsync() > 0 ? (await message.TextContentAsync())?.Trim() : null;
    }

    protected Task<string?> SignInAsync(string name = AdminName, string password = AdminPassword) =>
        SignInAsync(Page, Server.Url, name, password);

    /// <summary>Saves <c>NAME.png</c> of the whole page in the folder named by <see cref="ScreenshotsVariable"/>, if any.</summary>
    protected static async Task ScreenshotAsync(IPage page, string name)
    {
        if (Environment.GetEnvironmentVariable(ScreenshotsVariable) is not { Length: > 0 } folder)
        {
            return;
        }

        var path = System.IO.Path.Combine(System.IO.Path.GetFullPath(folder, RepositoryRoot.Path), name + ".png");
        System.IO.Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });
    }
}
