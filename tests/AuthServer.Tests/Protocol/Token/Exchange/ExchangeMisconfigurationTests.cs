using AuthServer.Tests.Infrastructure;

namespace AuthServer.Tests.Protocol.Token.Exchange;

public sealed class ExchangeMisconfigurationTests : ExchangeTest
{
    protected override IDictionary<string, string?> ExtraSettings => new Dictionary<string, string?> { ["Bubble:Workflow"] = "who-is-this" };

    [Fact]
    public async Task Missing_whoami_workflow_is_a_500_server_error_logged_as_a_configuration_fault()
    {
        var response = await ExchangeAsync(await LogInAsync(Bubble.Url));

        Assert.Equal(500, response.Status);
        Assert.Equal("server_error", response["error"]);
        Assert.True(Logs.HasEvent(3003), "the configuration fault (3003) was not logged: " + Logs.AllText);
    }

    [Fact]
    public async Task A_redirecting_bubble_url_is_a_server_error_and_the_redirect_is_not_followed()
    {
        await using var moved = await AuthServerInstance.StartAsync(Directory.File("moved.db"), Logs, new Dictionary<string, string?>
        {
            ["Clients:1:ClientId"] = "moved-app",
            ["Clients:1:ClientSecret"] = "moved-app-secret-0123456789",
            ["Clients:1:GrantTypes:0"] = "token_exchange",
            ["Clients:1:Scopes:0"] = "sample-api.read",
            ["Clients:1:BubbleAppUrl"] = $"{Bubble.Url}/moved",
        });
        using var tokens = new TokenClient(moved.Url);

        var response = await tokens.PostAsync(new Dictionary<string, string>
        {
            ["grant_type"] = "urn:ietf:params:oauth:grant-type:token-exchange",
            ["subject_token"] = await LogInAsync(Bubble.Url),
            ["subject_token_type"] = "urn:bubble:token-type:user",
        }, "moved-app", "moved-app-secret-0123456789");

        OAuthAssert.Error(response, 500, "server_error");
        Assert.Equal(0, WhoAmICalls()); // the redirect target was never called with the token
    }
}
