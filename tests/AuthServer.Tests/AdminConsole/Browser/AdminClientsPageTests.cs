using AuthServer.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using AuthServer.AdminConsole;
using AuthServer.Administration.Audit;
using AuthServer.Administration.Clients;
using AuthServer.Operations.Logging;

namespace AuthServer.Tests.AdminConsole.Browser;

/// <summary>
/// The Clients pages in a browser: what they create, edit, rotate and delete holds at <c>/connect/token</c>, a new
/// secret is shown once, configuration clients are read-only even to a forged POST, and client ids are escaped.
/// </summary>
public sealed class AdminClientsPageTests(BrowserFixture browser) : AdminBrowserTest(browser)
{
    private const string RobotSecret = "robot-secret-0123456789";

    [Fact]
    public async Task Created_client_secret_is_shown_once_and_gets_a_client_credentials_token()
    {
        await SignInAsync();
        await Page.GotoAsync(AdminUrl("/Clients"));
        await Page.ClickAsync("#create-client");
        await Page.FillAsync("#client-id", "robot");
        await Page.CheckAsync("#grant-client_credentials");
        await Page.FillAsync("#scopes", "sample-api.read");
        var post = await Page.RunAndWaitForResponseAsync(() => Page.ClickAsync("#create"), r => r.Request.Method == "POST");
        var secret = (await Page.TextContentAsync("#client-secret"))!.Trim();
        Assert.Equal(0, await Page.Locator("#authorization-header").CountAsync()); // not a Bubble client: no API Connector value
        await ScreenshotAsync(Page, "clients-create-result");

        var token = await TokenAsync("robot", secret);
        var tempDataCookie = (await post.HeaderValuesAsync("set-cookie")).Single(c => c.StartsWith(AdminTempData.CookieName + "=", StringComparison.Ordinal));
        await Page.ReloadAsync();
        var reloaded = await Page.ContentAsync();

        Assert.Equal(200, token.Status);
        Assert.DoesNotContain(secret, tempDataCookie); // Data Protection encrypts the held secret
        Assert.Contains("httponly", tempDataCookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", tempDataCookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("path=/admin", tempDataCookie, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(secret, reloaded);
        Assert.True(await Page.IsVisibleAsync("#secret-gone"));
        Assert.DoesNotContain(secret, Logs.AllText);
        var row = (await AuditAsync()).First(e => e.Action == AuditActions.ClientCreated);
        Assert.Equal(("admin:alice", "robot"), (row.Actor, row.ClientId));

        await Page.GotoAsync(AdminUrl("/Clients"));
        Assert.Contains("console/CLI", await Page.TextContentAsync("#clients"));
    }

    [Fact]
    public async Task Edited_scopes_are_carried_by_the_next_token()
    {
        await CreateRobotAsync();
        await SignInAsync();
        await Page.GotoAsync(AdminUrl("/Clients/Edit?id=robot"));

        await Page.FillAsync("#scopes", "sample-api.read sample-api.write");
        await Page.ClickAsync("#save");

        Assert.Contains("Saved.", await Page.TextContentAsync("#client-notice"));
        Assert.Equal(["sample-api.read", "sample-api.write"], (await TokenAsync("robot", RobotSecret))["scope"]!.Split(' ').Order());
    }

    [Fact]
    public async Task Rotating_the_secret_makes_the_old_fail_and_the_new_one_work()
    {
        await CreateRobotAsync();
        await SignInAsync();
        await Page.GotoAsync(AdminUrl("/Clients/Edit?id=robot"));

        await Page.ClickAsync("#rotate-secret");
        Assert.Equal(200, (await TokenAsync("robot", RobotSecret)).Status); // the confirmation page changed nothing
        await Page.ClickAsync("#confirm-rotate");
        var secret = (await Page.TextContentAsync("#client-secret"))!.Trim();

        Assert.Equal(401, (await TokenAsync("robot", RobotSecret)).Status);
        Assert.Equal(200, (await TokenAsync("robot", secret)).Status);
    }

    [Fact]
    public async Task Delete_needs_the_typed_id_and_then_client_credentials_fail()
    {
        await CreateRobotAsync();
        await SignInAsync();
        await Page.GotoAsync(AdminUrl("/Clients/Edit?id=robot"));
        await Page.ClickAsync("#delete-client");

        await Page.FillAsync("#confirmation", "not-robot");
        await Page.ClickAsync("#confirm-delete");
        Assert.Contains("type the client id", await Page.TextContentAsync("#problems"));
        Assert.Equal(200, (await TokenAsync("robot", RobotSecret)).Status);

        await Page.FillAsync("#confirmation", "robot");
        await Page.ClickAsync("#confirm-delete");

        Assert.Contains("Client 'robot' deleted", await Page.TextContentAsync("#clients-notice"));
        Assert.Equal(401, (await TokenAsync("robot", RobotSecret)).Status);
    }

    [Fact]
    public async Task Configuration_client_shows_no_controls_and_a_forged_post_is_refused_with_where_it_is_declared()
    {
        await SignInAsync();
        await Page.GotoAsync(AdminUrl("/Clients"));
        Assert.Contains("configuration (in-memory settings, key Clients:0)", await Page.TextContentAsync("#clients"));
        await Page.GotoAsync(AdminUrl($"/Clients/Edit?id={TestClients.Script}"));
        Assert.Contains("Declared in configuration", await Page.TextContentAsync("#read-only-note"));
        foreach (var control in new[] { "#save", "#rotate-secret", "#delete-client", "form[method=post] #scopes" })
        {
            Assert.Equal(0, await Page.Locator(control).CountAsync());
        }

        // A real antiforgery token of this session, from another form, so only the model's rule stands in the way.
        await Page.GotoAsync(AdminUrl("/Clients/Create"));
        var antiforgery = await Page.GetAttributeAsync("input[name=__RequestVerificationToken]", "value");
        var forged = new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = antiforgery!, ["Form.Grants"] = "client_credentials",
            ["Form.Scopes"] = "sample-api.read sample-api.write", ["Confirmation"] = TestClients.Script,
        };
        foreach (var page in new[] { "Edit", "Rotate", "Delete" })
        {
            var answer = await Context.APIRequest.PostAsync(AdminUrl($"/Clients/{page}?id={TestClients.Script}"),
                new() { Form = FormOf(forged), MaxRedirects = 0 });
            Assert.Equal(200, answer.Status);
            Assert.Contains($"Client &#x27;{TestClients.Script}&#x27; is declared in configuration (in-memory settings, key Clients:0)",
                await answer.TextAsync());
        }

        var token = await TokenAsync(TestClients.Script, TestClients.ScriptSecret);
        Assert.Equal(200, token.Status);
        Assert.Equal("sample-api.read", token["scope"]);
    }

    [Fact]
    public async Task Client_id_with_a_script_tag_is_rendered_escaped_on_the_list_and_edit_pages()
    {
        const string Hostile = "<script>alert(1)</script>";
        Assert.IsType<ClientCreated>(await WithClientsAsync(c => c.CreateAsync(Hostile,
            new ClientSettings(["client_credentials"], ["sample-api.read"], null, []), RobotSecret, ChangeActors.Cli)));
        var dialogs = 0;
        Page.Dialog += (_, dialog) =>
        {
            dialogs++;
            _ = dialog.DismissAsync();
        };
        await SignInAsync();

        var list = await (await Page.GotoAsync(AdminUrl("/Clients")))!.TextAsync();
        var edit = await (await Page.RunAndWaitForResponseAsync(() => Page.GetByRole(AriaRole.Link, new() { Name = Hostile }).ClickAsync(),
            r => r.Url.Contains("/Clients/Edit", StringComparison.Ordinal))).TextAsync();

        foreach (var html in new[] { list, edit })
        {
            Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", html);
            Assert.DoesNotContain(Hostile, html);
        }

        Assert.Equal(Hostile, await Page.TextContentAsync("h1 #client-id"));
        Assert.Equal(0, dialogs);
    }

    private IFormData FormOf(Dictionary<string, string> fields)
    {
        var form = Context.APIRequest.CreateFormData();
        foreach (var (name, value) in fields)
        {
            form.Set(name, value);
        }

        return form;
    }

    private async Task CreateRobotAsync() => Assert.IsType<ClientCreated>(await WithClientsAsync(c => c.CreateAsync("robot",
        new ClientSettings(["client_credentials"], ["sample-api.read"], null, []), RobotSecret, ChangeActors.Cli)));

    private async Task<TokenResponse> TokenAsync(string clientId, string secret)
    {
        using var tokens = new TokenClient(Server.Url);
        return await tokens.ClientCredentialsAsync(clientId, secret);
    }

    private async Task<IReadOnlyList<AuditEntry>> AuditAsync()
    {
        await using var scope = Server.Services.CreateAsyncScope();
        return (await scope.ServiceProvider.GetRequiredService<AdminAudit>().RecentAsync(1, 50)).Events;
    }

    private async Task<ClientOutcome> WithClientsAsync(Func<ClientAdministration, Task<ClientOutcome>> action)
    {
        await using var scope = Server.Services.CreateAsyncScope();
        return await action(scope.ServiceProvider.GetRequiredService<ClientAdministration>());
    }
}
