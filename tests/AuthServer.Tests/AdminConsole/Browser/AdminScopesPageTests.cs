using AuthServer.Administration.ApiScopes;
using AuthServer.Administration.Clients;
using AuthServer.Operations.Logging;
using AuthServer.Protocol.Token;
using AuthServer.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;

namespace AuthServer.Tests.AdminConsole.Browser;

/// <summary>
/// The Scopes page in a browser: a scope created and edited there is what tokens carry as <c>aud</c>, a scope in use
/// is not removed (the page names the client), and configured scopes have no form at all.
/// </summary>
public sealed class AdminScopesPageTests(BrowserFixture browser) : AdminBrowserTest(browser)
{
    private const string RobotSecret = "robot-secret-0123456789";

    [Fact]
    public async Task Created_and_edited_scopes_are_the_tokens_audience_and_one_in_use_is_not_removed()
    {
        await SignInAsync();
        await Page.GotoAsync(AdminUrl("/Scopes"));
        Assert.Equal(0, await Page.Locator("tr[data-scope='sample-api.read'] form").CountAsync()); // configured: read-only
        Assert.Contains("Scopes:0", await Page.TextContentAsync("tr[data-scope='sample-api.read']"));

        await Page.FillAsync("#scope-name", "offline_access");
        await Page.FillAsync("#scope-resources", "inventory-api");
        await Page.ClickAsync("#create-scope-submit");
        Assert.Contains("reserved", await Page.TextContentAsync("#problems"));

        await Page.FillAsync("#scope-name", "inventory.read");
        await Page.FillAsync("#scope-resources", "inventory-api");
        await Page.ClickAsync("#create-scope-submit");
        Assert.Contains("created", await Page.TextContentAsync("#scopes-notice"));
        Assert.IsType<ClientCreated>(await WithAsync<ClientAdministration, ClientOutcome>(c => c.CreateAsync("robot",
            new ClientSettings(["client_credentials"], ["inventory.read"], null, []), RobotSecret, ChangeActors.Cli)));
        Assert.Equal(["inventory-api"], await AudienceAsync());

        await Page.FillAsync("tr[data-scope='inventory.read'] input[name=Resources]", "inventory-api inventory-v2");
        await Page.ClickAsync("tr[data-scope='inventory.read'] .edit-scope");
        Assert.Contains("now grants", await Page.TextContentAsync("#scopes-notice"));
        // The server read the old resources a moment ago: the new ones show within the cache's lifetime.
        var clock = System.Diagnostics.Stopwatch.StartNew();
        string[] audience;
        while ((audience = await AudienceAsync()).Length == 1 && clock.Elapsed < ScopeResourceCache.Lifetime + TimeSpan.FromSeconds(2))
        {
            await Task.Delay(100);
        }

        Assert.Equal(["inventory-api", "inventory-v2"], audience);

        await Page.ClickAsync("tr[data-scope='inventory.read'] .remove-scope");
        Assert.Contains("'robot'", await Page.TextContentAsync("#problems"));
        Assert.NotNull(await WithAsync<ScopeAdministration, ScopeSummary?>(s => s.GetAsync("inventory.read")));

        await WithAsync<ClientAdministration, ClientOutcome>(c => c.DeleteAsync("robot", ChangeActors.Cli));
        await Page.GotoAsync(AdminUrl("/Scopes"));
        await Page.ClickAsync("tr[data-scope='inventory.read'] .remove-scope");
        Assert.Contains("removed", await Page.TextContentAsync("#scopes-notice"));
        Assert.Equal(0, await Page.Locator("tr[data-scope='inventory.read']").CountAsync());
    }

    private async Task<string[]> AudienceAsync()
    {
        using var tokens = new TokenClient(Server.Url);
        var token = await tokens.ClientCredentialsAsync("robot", RobotSecret);
        Assert.Equal(200, token.Status);
        return [.. new JsonWebToken(token.AccessToken).Audiences.Order()];
    }

    private async Task<TResult> WithAsync<TService, TResult>(Func<TService, Task<TResult>> action) where TService : notnull
    {
        await using var scope = Server.Services.CreateAsyncScope();
        return await action(scope.ServiceProvider.GetRequiredService<TService>());
    }
}
