using AuthServer.Tests.Infrastructure;
using AuthServer.Tests.Protocol.Token;
using AuthServer.Administration.Clients;
using AuthServer.Operations.Logging;
using Microsoft.Extensions.DependencyInjection;

namespace AuthServer.Tests.AdminConsole.Browser;

/// <summary>The client form's access token lifetime: what it saves holds at <c>/connect/token</c>, and the maximum holds.</summary>
public sealed class AdminClientLifetimePageTests(BrowserFixture browser) : AdminBrowserTest(browser)
{
    private const string RobotSecret = "robot-secret-0123456789";

    [Fact]
    public async Task A_lifetime_saved_in_the_form_shortens_the_next_token_and_one_above_the_maximum_is_refused()
    {
        await using (var scope = Server.Services.CreateAsyncScope())
        {
            Assert.IsType<ClientCreated>(await scope.ServiceProvider.GetRequiredService<ClientAdministration>().CreateAsync("robot",
                new ClientSettings(["client_credentials"], ["sample-api.read"], null, []), RobotSecret, ChangeActors.Cli));
        }

        await SignInAsync();
        await Page.GotoAsync(AdminUrl("/Clients/Edit?id=robot"));

        await Page.FillAsync("#access-token-lifetime", "00:05:00");
        await Page.ClickAsync("#save");

        Assert.Contains("Saved.", await Page.TextContentAsync("#client-notice"));
        Assert.Equal("00:05:00", await Page.InputValueAsync("#access-token-lifetime"));
        Assert.Equal(300, ClientAccessTokenLifetimeTests.Lifetime((await TokenAsync()).AccessToken));

        await Page.FillAsync("#access-token-lifetime", "02:00:00");
        await Page.ClickAsync("#save");

        Assert.Contains("Access token lifetime", await Page.TextContentAsync("#problems"));
        Assert.Contains("Auth:AccessTokenLifetime", await Page.TextContentAsync("#problems"));
        Assert.Equal(300, ClientAccessTokenLifetimeTests.Lifetime((await TokenAsync()).AccessToken));

        await Page.FillAsync("#access-token-lifetime", "five minutes");
        await Page.ClickAsync("#save");

        Assert.Contains("Access token lifetime", await Page.TextContentAsync("#problems"));

        await Page.FillAsync("#access-token-lifetime", "");
        await Page.ClickAsync("#save");

        Assert.Contains("Saved.", await Page.TextContentAsync("#client-notice"));
        Assert.Equal(3600, ClientAccessTokenLifetimeTests.Lifetime((await TokenAsync()).AccessToken));
    }

    private async Task<TokenResponse> TokenAsync()
    {
        using var tokens = new TokenClient(Server.Url);
        return await tokens.ClientCredentialsAsync("robot", RobotSecret);
    }
}
