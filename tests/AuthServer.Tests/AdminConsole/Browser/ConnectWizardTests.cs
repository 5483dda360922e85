using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using AuthServer.Administration.Bubble;
using AuthServer.Bubble;
using AuthServer.Tests.Infrastructure;
using Microsoft.Playwright;

namespace AuthServer.Tests.AdminConsole.Browser;

/// <summary>
/// "Connect a Bubble app" in Chromium: the address is checked, the client is created, and what step 4 shows,
/// sent exactly as shown, is what the token endpoint accepts.
/// </summary>
public sealed class ConnectWizardTests(BrowserFixture browser) : BubbleAdminBrowserTest(browser)
{
    [Fact]
    public async Task Wizard_creates_a_client_whose_header_and_bodies_as_shown_yield_and_refresh_tokens()
    {
        await SignInAsync();
        await RunWizardAsync(Page, Bubble.Url, claims: "plan");

        Assert.Equal("Steps 3 and 4 of 4", await TextAsync(Page, "#wizard-step"));
        Assert.Equal("3. The client is created", await TextAsync(Page, "#created h2"));
        Assert.Equal("local-bubble-app", await TextAsync(Page, "dd#client-id"));
        var endpoint = await TextAsync(Page, "#token-endpoint");
        var authorization = await TextAsync(Page, "#authorization-header");
        var exchangeBody = await TextAsync(Page, "#exchange-body");
        var refreshBody = await TextAsync(Page, "#refresh-body");
        Assert.Equal(Server.Url + "/connect/token", endpoint);
        Assert.Equal(ClientSecretBasic.HeaderValue("local-bubble-app", await TextAsync(Page, "#client-secret")), authorization);

        var exchanged = await PostAsShownAsync(endpoint, authorization, exchangeBody.Replace("<token>", await LogInAtBubbleAsync()));
        Assert.True(exchanged.RootElement.TryGetProperty("access_token", out _), exchanged.RootElement.ToString());
        // What step 2 says a claim from whoami becomes: a claim of the access token the API receives.
        Assert.Equal("pro", JwtPayload(exchanged.RootElement.GetProperty("access_token").GetString()!).GetProperty("plan").GetString());
        var refreshToken = exchanged.RootElement.GetProperty("refresh_token").GetString()!;

        var refreshed = await PostAsShownAsync(endpoint, authorization, refreshBody.Replace("<refresh_token>", refreshToken));
        Assert.True(refreshed.RootElement.TryGetProperty("access_token", out _), refreshed.RootElement.ToString());
        Assert.NotEqual(refreshToken, refreshed.RootElement.GetProperty("refresh_token").GetString());
    }

    [Fact]
    public async Task Step_4_shows_the_fields_and_workflows_with_a_copy_button_for_each_snippet()
    {
        await SignInAsync();
        await RunWizardAsync(Page, Bubble.VersionTestUrl, claims: "plan");

        Assert.Equal("local-bubble-app-test", await TextAsync(Page, "dd#client-id"));
        Assert.Equal(new[] { "access_token", "refresh_token", "token_expires_at", "bubble_token", "refresh_job" },
            (await Page.Locator("#user-fields tbody code").AllTextContentsAsync()).ToArray());
        foreach (var step in new[] { "login-workflow", "login-call", "login-page", "refresh-workflow" })
        {
            Assert.True(await Page.Locator($"#step-{step}").IsVisibleAsync(), step);
        }

        Assert.Contains($"{Bubble.VersionTestUrl}/api/1.1/wf/login", await TextAsync(Page, "#step-login-call"));
        Assert.Equal(1, await Page.Locator("#step-login-page strong", new() { HasTextString = "This app - login" }).CountAsync());
        Assert.Equal("login", await TextAsync(Page, "#step-login-workflow strong code")); // code inside strong is markup too
        Assert.DoesNotContain("`", await TextAsync(Page, "#step-login-workflow"));
        var buttons = Page.Locator("button[data-copy-target]");
        Assert.True(await buttons.CountAsync() >= 6);
        foreach (var button in await buttons.AllAsync())
        {
            Assert.True(await button.IsVisibleAsync());
            var target = await button.GetAttributeAsync("data-copy-target");
            Assert.Equal(1, await Page.Locator($"pre#{target}").CountAsync());
        }
    }

    [Fact]
    public async Task The_secret_is_shown_once_and_not_when_the_guide_is_opened_again()
    {
        await SignInAsync();
        await RunWizardAsync(Page, Bubble.Url, claims: "");
        var authorization = await TextAsync(Page, "#authorization-header");

        var secret = await TextAsync(Page, "#client-secret");

        await Page.GotoAsync(AdminUrl("/Connect?handler=Setup&clientId=local-bubble-app"));

        Assert.Equal(0, await Page.Locator("#authorization-header").CountAsync());
        Assert.Equal(0, await Page.Locator("#client-secret").CountAsync());
        Assert.DoesNotContain(secret, await Page.ContentAsync());
        Assert.True(await Page.Locator("#secret-hidden").IsVisibleAsync());
        Assert.DoesNotContain(authorization["Basic ".Length..], await Page.ContentAsync());
        Assert.Equal(Server.Url + "/connect/token", await TextAsync(Page, "#token-endpoint"));
    }

    [Fact]
    public async Task Wizard_works_with_javascript_off()
    {
        await using var context = await NewContextAsync(javaScript: false);
        var page = await context.NewPageAsync();
        await SignInAsync(page, Server.Url);

        await RunWizardAsync(page, Bubble.Url, claims: "plan");

        Assert.Equal("Steps 3 and 4 of 4", await TextAsync(page, "#wizard-step"));
        Assert.StartsWith("Basic ", await TextAsync(page, "#authorization-header"));
        Assert.False(await page.Locator("button[data-copy-target]").First.IsVisibleAsync()); // no dead copy buttons
    }

    [Fact]
    public async Task A_bad_app_url_is_refused_with_the_verdict_message()
    {
        const string editorUrl = "https://bubble.io/page?name=index&id=myapp";
        await SignInAsync();
        await Page.GotoAsync(AdminUrl("/Connect"));

        await Page.FillAsync("#app-url", editorUrl);
        await Page.ClickAsync("main form button[type=submit]");

        Assert.Equal("Step 1 of 4", await TextAsync(Page, "#wizard-step"));
        Assert.Equal(BubbleAppUrlCheck.Check(editorUrl, allowPrivateAddresses: true).Message, await TextAsync(Page, "#verdict"));
        Assert.Equal(editorUrl, await Page.InputValueAsync("#app-url"));
    }

    [Fact]
    public async Task A_reserved_claim_is_refused_at_step_2_and_nothing_is_created()
    {
        await SignInAsync();

        await RunWizardAsync(Page, Bubble.Url, claims: "plan, email");

        Assert.Equal("Step 2 of 4", await TextAsync(Page, "#wizard-step"));
        Assert.Contains("Claim 2 'email' cannot be used", await Page.TextContentAsync("[role=alert]"));
        await Page.GotoAsync(AdminUrl("/Connect?handler=Setup&clientId=local-bubble-app"));
        Assert.Contains("No client named local-bubble-app", await Page.TextContentAsync("[role=alert]"));
    }

    [Fact]
    public async Task A_client_id_holding_markup_is_rendered_as_text_on_step_4()
    {
        const string markup = "<script>alert(1)</script>";
        await SignInAsync();

        await RunWizardAsync(Page, Bubble.Url, claims: "", clientId: markup);

        Assert.Equal(markup, await TextAsync(Page, "dd#client-id"));
        Assert.DoesNotContain(markup, await Page.ContentAsync());
    }

    [Fact]
    public async Task A_reload_after_the_create_repeats_a_get_shows_no_error_creates_nothing_and_hides_the_secret()
    {
        await SignInAsync();
        var post = await Page.RunAndWaitForResponseAsync(() => RunWizardAsync(Page, Bubble.Url, claims: "plan"),
            r => r.Request.Method == "POST");
        Assert.Equal(302, post.Status); // the create answers with a redirect, never with the page itself
        Assert.EndsWith("/admin/Connect?clientId=local-bubble-app&handler=Setup", Page.Url);
        var secret = await TextAsync(Page, "#client-secret");
        var authorization = await TextAsync(Page, "#authorization-header");

        var reload = await Page.ReloadAsync();

        Assert.Equal("GET", reload!.Request.Method);
        Assert.Equal(0, await Page.Locator("[role=alert]").CountAsync());
        Assert.DoesNotContain("exists already", await Page.ContentAsync());
        Assert.Equal("Bubble setup of local-bubble-app", await TextAsync(Page, "h1"));
        Assert.Equal(0, await Page.Locator("#wizard-step").CountAsync());
        Assert.True(await Page.Locator("#secret-hidden").IsVisibleAsync());
        Assert.DoesNotContain(secret, await Page.ContentAsync());
        Assert.DoesNotContain(authorization["Basic ".Length..], await Page.ContentAsync());
        Assert.True(await Page.Locator("#step-login-workflow").IsVisibleAsync()); // the guide itself stays
        var exchangeBody = await TextAsync(Page, "#exchange-body");
        await Page.GotoAsync(AdminUrl("/Clients"));
        Assert.Equal(1, await Page.Locator("#clients tbody tr", new() { HasTextString = "local-bubble-app" }).CountAsync());
        // The value shown first still works: the reload neither made a client nor replaced the secret.
        var exchanged = await PostAsShownAsync(Server.Url + "/connect/token", authorization, exchangeBody.Replace("<token>", await LogInAtBubbleAsync()));
        Assert.True(exchanged.RootElement.TryGetProperty("access_token", out _), exchanged.RootElement.ToString());
    }

    [Fact]
    public async Task Going_back_and_submitting_the_same_client_id_again_is_refused_not_a_second_client()
    {
        await SignInAsync();
        await RunWizardAsync(Page, Bubble.Url, claims: "");
        await Page.GoBackAsync();
        Assert.Equal("Step 2 of 4", await TextAsync(Page, "#wizard-step"));
        await Page.FillAsync("#client-id", "local-bubble-app");

        await Page.ClickAsync("main form button[type=submit]");

        Assert.Contains("A client named local-bubble-app exists already", await Page.TextContentAsync("[role=alert]"));
        await Page.GotoAsync(AdminUrl("/Clients"));
        Assert.Equal(1, await Page.Locator("#clients tbody tr", new() { HasTextString = "local-bubble-app" }).CountAsync());
    }

    [Fact]
    public async Task Step_2_explains_the_client_id_each_scope_and_the_claims_in_plain_words()
    {
        await SignInAsync();
        await Page.GotoAsync(AdminUrl("/Connect"));
        Assert.Equal("Step 1 of 4", await TextAsync(Page, "#wizard-step"));
        await Page.FillAsync("#app-url", Bubble.Url);
        await Page.ClickAsync("main form button[type=submit]");

        Assert.Equal("Step 2 of 4", await TextAsync(Page, "#wizard-step"));
        Assert.Contains("Authorization header", await TextAsync(Page, "#client-id-hint"));
        Assert.Equal("client-id-hint", await Page.GetAttributeAsync("#client-id", "aria-describedby"));
        Assert.Contains("API", await TextAsync(Page, "#scopes-hint"));
        Assert.Equal(": accepted by the API sample-api", await TextAsync(Page, "[id='scope-means-sample-api.read']"));
        Assert.Contains("refresh token", await TextAsync(Page, "#scope-means-offline_access"));
        Assert.Contains("becomes a claim in the access token", await TextAsync(Page, "#claims-hint"));
        await ScreenshotAsync(Page, "connect-client");
    }

    [Fact]
    public async Task On_a_loopback_http_issuer_every_step_warns_that_bubble_cannot_reach_it_and_points_to_deploying()
    {
        await SignInAsync();
        await Page.GotoAsync(AdminUrl("/Connect"));
        var atStep1 = await TextAsync(Page, "#reachability");
        await Page.FillAsync("#app-url", Bubble.Url);
        await Page.ClickAsync("main form button[type=submit]");
        var atStep2 = await TextAsync(Page, "#reachability");
        await Page.FillAsync("#claims", "");
        await Page.ClickAsync("main form button[type=submit]");
        var onTheGuide = await TextAsync(Page, "#reachability");

        var origin = new Uri(Server.Url).GetLeftPart(UriPartial.Authority);
        foreach (var warning in new[] { atStep1, atStep2, onTheGuide })
        {
            Assert.Contains($"Bubble's servers cannot reach {origin}", warning);
            Assert.Contains("docs/deploying.md", warning);
            Assert.Contains("Initialize call", warning);
        }

        Assert.StartsWith(Server.Url, await TextAsync(Page, "#token-endpoint"));
        // Above the steps it is about: the first thing after the title and the counter.
        Assert.Equal("reachability", await Page.EvalOnSelectorAsync<string>("#wizard-step", "e => e.nextElementSibling.id"));
    }

    private static JsonElement JwtPayload(string jwt)
    {
        var payload = jwt.Split('.')[1].Replace('-', '+').Replace('_', '/');
        return JsonDocument.Parse(Convert.FromBase64String(payload.PadRight(payload.Length + (4 - payload.Length % 4) % 4, '='))).RootElement;
    }

    private static async Task RunWizardAsync(IPage page, string appUrl, string claims, string? clientId = null)
    {
        await page.GotoAsync(page.Url[..page.Url.IndexOf("/admin", StringComparison.Ordinal)] + "/admin/Connect");
        await page.FillAsync("#app-url", appUrl);
        await page.ClickAsync("main form button[type=submit]");
        Assert.Equal("Step 2 of 4", await TextAsync(page, "#wizard-step"));
        if (clientId is not null)
        {
            await page.FillAsync("#client-id", clientId);
        }

        await page.FillAsync("#claims", claims);
        await page.ClickAsync("main form button[type=submit]");
    }

    private static async Task<string> TextAsync(IPage page, string selector) => (await page.TextContentAsync(selector))!.Trim();

    /// <summary>The header value and the body exactly as the page shows them, as the API Connector sends a raw body.</summary>
    private static async Task<JsonDocument> PostAsShownAsync(string endpoint, string authorization, string body)
    {
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, endpoint)
        {
            Content = new StringContent(body, Encoding.UTF8, new MediaTypeHeaderValue("application/x-www-form-urlencoded")),
        };
        Assert.True(request.Headers.TryAddWithoutValidation("Authorization", authorization));
        var response = await http.SendAsync(request);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync());
    }
}
