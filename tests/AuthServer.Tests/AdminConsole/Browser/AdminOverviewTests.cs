using System.Net.Http.Json;
using System.Text.Json;
using AuthServer.Tests.Infrastructure;

namespace AuthServer.Tests.AdminConsole.Browser;

/// <summary>
/// The Overview's last hour in Chromium: tokens by grant and Bubble answers by outcome, fed by real requests to
/// this node, with a misconfigured Bubble app made to stand out.
/// </summary>
public sealed class AdminOverviewTests(BrowserFixture browser) : AdminBrowserTest(browser)
{
    private const string BubbleClient = "bubble-app";
    private const string BrokenClient = "broken-bubble-app";
    private const string Secret = "bubble-app-secret-0123456789";

    private SimulatorInstance _bubble = null!;

    protected override IDictionary<string, string?> Settings
    {
        get
        {
            // Two bindings (the app, and a misconfigured address of it) reaching one API: the explicit opt-in.
            var settings = new Dictionary<string, string?> { ["Bubble:SharedAudiences:0"] = "sample-api" };
            AddBubbleClient(settings, 1, BubbleClient, _bubble.Url);
            // The simulator answers this path with a redirect, which AuthServer never follows: a misconfigured app.
            AddBubbleClient(settings, 2, BrokenClient, _bubble.Url + "/moved");
            return settings;
        }
    }

    public override async Task InitializeAsync()
    {
        _bubble = await SimulatorInstance.StartAsync(Directory.Path);
        _bubble.Simulator.Live.AddUser("ada@example.com", "ada-password", new Dictionary<string, object?>());
        await base.InitializeAsync();
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await _bubble.DisposeAsync();
    }

    [Fact]
    public async Task Overview_counts_this_nodes_tokens_by_grant_and_flags_a_misconfigured_bubble_answer()
    {
        using var tokens = new TokenClient(Server.Url);
        Assert.Equal(200, (await tokens.ClientCredentialsAsync()).Status);
        Assert.Null(await SignInAsync());

        Assert.Equal("1", await CountAsync("tokens-client_credentials"));
        Assert.Equal("0", await CountAsync("tokens-token_exchange"));
        Assert.Equal("0", await CountAsync("bubble-misconfigured"));
        Assert.DoesNotContain("attention", await Page.GetAttributeAsync("#bubble-misconfigured-row", "class") ?? "");
        Assert.Equal(0, await Page.Locator("#bubble-hint").CountAsync());
        Assert.Contains("this node", await Page.TextContentAsync("#tokens-heading + .note"));

        var bubbleToken = await LogInAtBubbleAsync();
        Assert.Equal(200, (await tokens.PostAsync(ExchangeForm(bubbleToken), BubbleClient, Secret)).Status);
        Assert.Equal(500, (await tokens.PostAsync(ExchangeForm(bubbleToken), BrokenClient, Secret + "2")).Status);
        await Page.ReloadAsync();

        Assert.Equal("1", await CountAsync("tokens-client_credentials"));
        Assert.Equal("1", await CountAsync("tokens-token_exchange"));
        Assert.Equal("1", await CountAsync("bubble-user"));
        Assert.Equal("1", await CountAsync("bubble-misconfigured"));
        Assert.Contains("attention", await Page.GetAttributeAsync("#bubble-misconfigured-row", "class") ?? "");
        Assert.DoesNotContain("attention", await Page.GetAttributeAsync("#bubble-unavailable-row", "class") ?? "");
        Assert.Contains("Test whoami", await Page.TextContentAsync("#bubble-hint"));
        await ScreenshotAsync(Page, "overview");
    }

    private async Task<string?> CountAsync(string id) => (await Page.TextContentAsync("#" + id))?.Trim();

    private async Task<string> LogInAtBubbleAsync()
    {
        using var http = new HttpClient();
        var response = await http.PostAsJsonAsync($"{_bubble.Url}/api/1.1/wf/login", new { email = "ada@example.com", password = "ada-password" });
        response.EnsureSuccessStatusCode();
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("response").GetProperty("token").GetString()!;
    }

    private static Dictionary<string, string> ExchangeForm(string subjectToken) => new()
    {
        ["grant_type"] = "urn:ietf:params:oauth:grant-type:token-exchange",
        ["subject_token"] = subjectToken,
        ["subject_token_type"] = "urn:bubble:token-type:user",
        ["scope"] = "sample-api.read",
    };

    private static void AddBubbleClient(Dictionary<string, string?> settings, int index, string clientId, string bubbleUrl)
    {
        settings[$"Clients:{index}:ClientId"] = clientId;
        settings[$"Clients:{index}:ClientSecret"] = index == 1 ? Secret : Secret + index;
        settings[$"Clients:{index}:GrantTypes:0"] = "token_exchange";
        settings[$"Clients:{index}:Scopes:0"] = "sample-api.read";
        settings[$"Clients:{index}:BubbleAppUrl"] = bubbleUrl;
    }
}
