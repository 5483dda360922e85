using AuthServer.Administration.ApiScopes;
using AuthServer.Administration.Clients;
using AuthServer.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace AuthServer.Tests.AdminConsole.Browser;

/// <summary>"Connect a Bubble app" creates a client with a scope of its own in one pass, and leaves no scope behind when it refuses the client.</summary>
public sealed class ConnectWizardNewScopeTests(BrowserFixture browser) : BubbleAdminBrowserTest(browser)
{
    [Fact]
    public async Task The_wizard_creates_the_new_scope_then_the_client_using_it_and_undoes_the_scope_when_the_client_is_refused()
    {
        await SignInAsync();
        await Page.GotoAsync(AdminUrl("/Connect"));
        await Page.FillAsync("#app-url", Bubble.Url);
        await Page.ClickAsync("main form button[type=submit]");

        await Page.FillAsync("#client-id", "bad id");
        await Page.FillAsync("#new-scope", "myapp-api.read");
        await Page.FillAsync("#new-scope-resource", "myapp-api");
        await Page.ClickAsync("main form button[type=submit]");
        Assert.Contains("Client id", await Page.TextContentAsync("main"));
        Assert.Null(await ScopeAsync("myapp-api.read")); // refused client: its new scope is gone too

        await Page.FillAsync("#client-id", "myapp");
        await Page.FillAsync("#new-scope", "myapp-api.read");
        await Page.FillAsync("#new-scope-resource", "myapp-api");
        await Page.ClickAsync("main form button[type=submit]");

        Assert.Equal("myapp", (await Page.TextContentAsync("dd#client-id"))!.Trim());
        var scope = await ScopeAsync("myapp-api.read");
        Assert.Equal(["myapp-api"], scope!.Resources);
        Assert.Equal(["myapp"], scope.UsedBy);
        await using var services = Server.Services.CreateAsyncScope();
        var client = await services.ServiceProvider.GetRequiredService<ClientAdministration>().GetAsync("myapp");
        Assert.Contains("myapp-api.read", client!.Settings.Scopes);
    }

    private async Task<ScopeSummary?> ScopeAsync(string name)
    {
        await using var scope = Server.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ScopeAdministration>().GetAsync(name);
    }
}
