using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using AuthServer.Administration.Bubble;
using AuthServer.Administration.Clients;
using AuthServer.Bubble;
using AuthServer.Operations.Logging;
using AuthServer.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace AuthServer.Tests.AdminConsole.Browser;

/// <summary>
/// A Bubble client's way back to its guide, and the ready <c>Authorization: Basic …</c> value wherever a Bubble
/// client gets a new secret: each value as shown is sent to the token endpoint, and shown once.
/// </summary>
public sealed class BubbleSetupPageTests(BrowserFixture browser) : BubbleAdminBrowserTest(browser)
{
    private const string ConfiguredSecret = "bubble-app-secret-0123456789";
    private const string Robot = "robot";

    [Fact]
    public async Task The_clients_list_and_the_clients_page_lead_to_its_bubble_setup_page_with_the_guide_and_no_secret()
    {
        await CreateRobotAsync();
        await SignInAsync();
        await Page.GotoAsync(AdminUrl("/Clients"));
        var links = Page.Locator("#clients a.bubble-setup");
        var robotRow = Page.Locator("#clients tbody tr", new() { HasTextString = Robot });
        Assert.Equal(1, await robotRow.CountAsync());
        Assert.Equal(0, await robotRow.Locator("a.bubble-setup").CountAsync());
        Assert.Equal(1, await links.CountAsync()); // the Bubble client's row only
        await ScreenshotAsync(Page, "clients");

        await links.ClickAsync();

        Assert.EndsWith($"/admin/Connect?clientId={ConfiguredClient}&handler=Setup", Page.Url);
        Assert.Equal($"Bubble setup of {ConfiguredClient}", (await Page.TextContentAsync("h1"))!.Trim());
        Assert.Equal(0, await Page.Locator("#wizard-step").CountAsync());
        Assert.Equal(Server.Url + "/connect/token", (await Page.TextContentAsync("#token-endpoint"))!.Trim());
        Assert.Contains("scope=sample-api.read", await Page.TextContentAsync("#exchange-body"));
        Assert.True(await Page.Locator("#step-login-workflow").IsVisibleAsync());
        Assert.True(await Page.Locator("#secret-hidden").IsVisibleAsync());
        Assert.Equal(0, await Page.Locator("#authorization-header").CountAsync());
        Assert.Equal(0, await Page.Locator("#client-secret").CountAsync());
        Assert.DoesNotContain(ConfiguredSecret, await Page.ContentAsync());
        Assert.DoesNotContain(ClientSecretBasic.HeaderValue(ConfiguredClient, ConfiguredSecret)["Basic ".Length..], await Page.ContentAsync());

        Assert.Equal(0, await Page.Locator("#rotate-from-setup").CountAsync()); // declared in configuration: read-only here
        await Page.ClickAsync("#client-page");
        await Page.ClickAsync("#bubble-setup");
        Assert.EndsWith($"/admin/Connect?clientId={ConfiguredClient}&handler=Setup", Page.Url);
        await Page.GotoAsync(AdminUrl($"/Clients/Edit?id={Robot}"));
        Assert.Equal(Robot, (await Page.TextContentAsync("h1 #client-id"))!.Trim());
        Assert.Equal(0, await Page.Locator("#bubble-setup").CountAsync());
    }

    [Fact]
    public async Task The_bubble_setup_page_warns_prominently_when_bubble_cannot_reach_the_issuer()
    {
        await SignInAsync();

        await Page.GotoAsync(AdminUrl($"/Connect?handler=Setup&clientId={ConfiguredClient}"));

        var warning = Page.Locator("#reachability");
        Assert.True(await warning.IsVisibleAsync());
        Assert.Contains($"Bubble's servers cannot reach {new Uri(Server.Url).GetLeftPart(UriPartial.Authority)}", await warning.TextContentAsync());
        Assert.Contains("(docs/deploying.md)", await warning.TextContentAsync());
        // Before the guide it is about, not below it.
        Assert.True(await Page.EvalOnSelectorAsync<bool>("#reachability",
            "e => !!(e.compareDocumentPosition(document.querySelector('#token-endpoint')) & Node.DOCUMENT_POSITION_FOLLOWING)"));
    }

    [Fact]
    public async Task A_client_that_is_not_bound_to_bubble_has_no_setup_page()
    {
        await CreateRobotAsync();
        await SignInAsync();

        await Page.GotoAsync(AdminUrl($"/Connect?handler=Setup&clientId={Robot}"));

        Assert.Contains($"No client named {Robot} is bound to a Bubble app", await Page.TextContentAsync("[role=alert]"));
        Assert.Equal(0, await Page.Locator("#token-endpoint").CountAsync());
    }

    [Fact]
    public async Task Rotating_a_bubble_clients_secret_shows_the_ready_basic_value_once_which_works_where_the_old_one_fails()
    {
        const string clientId = "rotated-app";
        const string oldSecret = "rotated-app-old-secret-0123456789";
        await CreateAsync(clientId, new ClientSettings(["token_exchange"], ["sample-api.read"], Bubble.Url, []), oldSecret);
        await SignInAsync();
        await Page.GotoAsync(AdminUrl($"/Clients/Edit?id={clientId}"));
        await Page.ClickAsync("#rotate-secret");
        Assert.True(await Page.Locator("#rotate-bubble-note").IsVisibleAsync());

        await Page.ClickAsync("#confirm-rotate");

        var secret = (await Page.TextContentAsync("#client-secret"))!.Trim();
        var basic = (await Page.TextContentAsync("#authorization-header"))!.Trim();
        Assert.Equal(ClientSecretBasic.HeaderValue(clientId, secret), basic);
        Assert.True(await Page.Locator("button[data-copy-target=authorization-header]").IsVisibleAsync());
        await ScreenshotAsync(Page, "clients-rotate-bubble");
        var (status, body) = await ExchangeAsync(basic);
        Assert.True(status == 200, body.ToString());
        Assert.Equal(401, (await ExchangeAsync(ClientSecretBasic.HeaderValue(clientId, oldSecret))).Status);

        await Page.ClickAsync("#bubble-setup");
        Assert.Equal($"Bubble setup of {clientId}", (await Page.TextContentAsync("h1"))!.Trim());
        Assert.EndsWith($"/admin/Clients/Rotate?id={clientId}", await Page.GetAttributeAsync("#rotate-from-setup", "href"));
        Assert.Equal(0, await Page.Locator("#authorization-header").CountAsync());
        Assert.DoesNotContain(basic["Basic ".Length..], await Page.ContentAsync());
        await Page.GoBackAsync();
        Assert.True(await Page.Locator("#secret-gone").IsVisibleAsync());
        Assert.Equal(0, await Page.Locator("#authorization-header").CountAsync());
        Assert.DoesNotContain(basic["Basic ".Length..], await Page.ContentAsync());
    }

    [Fact]
    public async Task A_bubble_client_created_on_the_clients_form_shows_the_basic_value_with_its_secret()
    {
        await SignInAsync();
        await Page.GotoAsync(AdminUrl("/Clients/Create"));
        await Page.FillAsync("#client-id", "form-app");
        await Page.CheckAsync("#grant-token_exchange");
        await Page.FillAsync("#scopes", "sample-api.read");
        await Page.FillAsync("#bubble-app-url", Bubble.Url);

        await Page.ClickAsync("#create");

        var secret = (await Page.TextContentAsync("#client-secret"))!.Trim();
        var basic = (await Page.TextContentAsync("#authorization-header"))!.Trim();
        Assert.Equal(ClientSecretBasic.HeaderValue("form-app", secret), basic);
        Assert.Equal(200, (await ExchangeAsync(basic)).Status);
        await Page.ReloadAsync();
        Assert.True(await Page.Locator("#secret-gone").IsVisibleAsync());
        Assert.DoesNotContain(basic["Basic ".Length..], await Page.ContentAsync());
        Assert.DoesNotContain(basic["Basic ".Length..], Logs.AllText);
    }

    /// <summary>A token exchange for a fresh Bubble login, authenticated by <paramref name="authorization"/> as the API Connector sends it.</summary>
    private async Task<(int Status, JsonElement Body)> ExchangeAsync(string authorization)
    {
        var body = $"grant_type={Uri.EscapeDataString("urn:ietf:params:oauth:grant-type:token-exchange")}"
            + $"&subject_token={Uri.EscapeDataString(await LogInAtBubbleAsync())}&subject_token_type={Uri.EscapeDataString(BubbleTokenTypes.User)}";
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, Server.Url + "/connect/token")
        {
            Content = new StringContent(body, Encoding.UTF8, new MediaTypeHeaderValue("application/x-www-form-urlencoded")),
        };
        Assert.True(request.Headers.TryAddWithoutValidation("Authorization", authorization));
        using var response = await http.SendAsync(request);
        return ((int)response.StatusCode, JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone());
    }

    private Task CreateRobotAsync() =>
        CreateAsync(Robot, new ClientSettings(["client_credentials"], ["sample-api.read"], null, []), "robot-secret-0123456789");

    private async Task CreateAsync(string clientId, ClientSettings settings, string secret)
    {
        await using var scope = Server.Services.CreateAsyncScope();
        Assert.IsType<ClientCreated>(await scope.ServiceProvider.GetRequiredService<ClientAdministration>()
            .CreateAsync(clientId, settings, secret, ChangeActors.Cli));
    }
}
