using AuthServer.Tests.Infrastructure;

namespace AuthServer.Tests;

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
}
