using Microsoft.Playwright;

namespace AuthServer.Tests.Infrastructure;

/// <summary>
/// One headless Chromium for all browser tests: Debian's own (<c>apt-get install chromium</c>; .ci/run installs it),
/// driven by Playwright, whose browser download cannot be reached here. Each test gets a fresh context of it, so
/// cookies never cross tests. The tests share it one after the other (one collection), which also keeps a busy
/// machine from starting several browsers at once.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    public const string Collection = "Browser";
    public const string ChromiumPath = "/usr/bin/chromium";

    private IPlaywright? _playwright;

    public IBrowser Browser { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
        {
            throw new MissingTool($"Debian's Chromium at {ChromiumPath}, for the browser tests", "apt-get install chromium");
        }

        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions { ExecutablePath = ChromiumPath, Headless = true });
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        _playwright?.Dispose();
    }
}

[CollectionDefinition(BrowserFixture.Collection)]
public sealed class BrowserCollection : ICollectionFixture<BrowserFixture>;
