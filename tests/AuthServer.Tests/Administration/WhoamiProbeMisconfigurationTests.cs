using AuthServer.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using AuthServer.Administration.Bubble;

namespace AuthServer.Tests.Administration;

/// <summary>A whoami workflow the app does not have: Bubble's own 404, explained as the workflow to create.</summary>
public sealed class WhoamiProbeMisconfigurationTests : ExchangeTest
{
    protected override IDictionary<string, string?> ExtraSettings => new Dictionary<string, string?> { ["Bubble:Workflow"] = "who-is-this" };

    [Fact]
    public async Task A_missing_whoami_workflow_is_misconfigured_and_names_the_workflow_to_create()
    {
        await using var scope = Server.Services.CreateAsyncScope();
        var result = await scope.ServiceProvider.GetRequiredService<WhoamiProbe>()
            .TestAsync(BubbleClient, await LogInAsync(Bubble.Url), CancellationToken.None);

        Assert.Equal(WhoamiOutcome.Misconfigured, result.Outcome);
        Assert.Contains("404", result.Explanation);
        Assert.Contains("who-is-this", result.Explanation);
        Assert.Equal($"{Bubble.Url}/api/1.1/wf/who-is-this", result.WhoamiUrl);
    }
}
