using AuthServer.Tests.Infrastructure;
using BubbleSimulator;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using AuthServer.Administration.Bubble;
using AuthServer.Tests.Options;

namespace AuthServer.Tests.Bubble;

/// <summary>
/// Text no token can carry: JSON may escape a lone UTF-16 surrogate (<c>"\ud800"</c>), which parses but is no
/// character. Never an empty 500: a claim is dropped with a warning (as <c>1e400</c> is), an unusable identity is
/// a JSON server_error logged as a configuration fault, and Test whoami explains it.
/// </summary>
public sealed class BubbleUnwritableTextTests : ExchangeTest
{
    [Fact]
    public async Task A_lone_surrogate_in_the_user_id_is_a_json_server_error_logged_as_a_configuration_fault()
    {
        var token = await LogInAnsweredAsync("""{"user_id":"u\ud800x","email":"lone@example.com"}""");

        OAuthAssert.Error(await ExchangeAsync(token), 500, "server_error");
        Assert.True(Logs.HasEvent(3012), "the unusable identity (3012) was not logged: " + Logs.AllText);
    }

    [Fact]
    public async Task A_lone_surrogate_in_the_email_is_a_json_server_error_logged_as_a_configuration_fault()
    {
        var token = await LogInAnsweredAsync($$"""{"user_id":"{{BubbleApp.NewBubbleId()}}","email":"\udc00@example.com"}""");

        OAuthAssert.Error(await ExchangeAsync(token), 500, "server_error");
        Assert.True(Logs.HasEvent(3012), "the unusable identity (3012) was not logged: " + Logs.AllText);
    }

    [Fact]
    public async Task A_lone_surrogate_in_a_bubble_claim_is_dropped_with_a_logged_warning_never_a_500()
    {
        var token = await LogInAnsweredAsync($$"""{"user_id":"{{BubbleApp.NewBubbleId()}}","email":"a@example.com","plan":"\ud800","seats":3}""");

        var response = await ExchangeAsync(token);

        Assert.Equal(200, response.Status);
        var jwt = new JsonWebToken(response.AccessToken);
        Assert.False(jwt.TryGetPayloadValue<object>("plan", out _));
        Assert.Equal(3, jwt.GetPayloadValue<long>("seats"));
        Assert.True(Logs.HasEvent(3011), "the dropped claim (3011) was not logged: " + Logs.AllText);
    }

    [Fact]
    public async Task Lone_surrogates_in_keys_and_nested_objects_are_never_read_so_they_cost_nothing()
    {
        var token = await LogInAnsweredAsync($$"""
            {"user_id":"{{BubbleApp.NewBubbleId()}}","email":"a@example.com","pl\ud800an":"x","\udfff":1,
             "address":{"city":"\ud800","\ud800":2},"plan":"pro","verified":true}
            """);

        var response = await ExchangeAsync(token);

        Assert.Equal(200, response.Status);
        var jwt = new JsonWebToken(response.AccessToken);
        Assert.Equal("pro", jwt.GetPayloadValue<string>("plan"));
        Assert.False(jwt.TryGetPayloadValue<object>("address", out _));
        Assert.True(Logs.HasEvent(3004), "the object claim (3004) was not logged: " + Logs.AllText);
    }

    [Fact]
    public async Task Test_whoami_explains_a_lone_surrogate_instead_of_failing()
    {
        var brokenId = await ProbeAsync(await LogInAnsweredAsync("""{"user_id":"u\ud800x","email":"b@example.com"}"""));
        var brokenPlan = await ProbeAsync(await LogInAnsweredAsync(
            $$"""{"user_id":"{{BubbleApp.NewBubbleId()}}","email":"c@example.com","plan":"\ud800"}"""));

        Assert.Equal(WhoamiOutcome.Misconfigured, brokenId.Outcome);
        Assert.Empty(brokenId.Claims);
        Assert.Equal(WhoamiOutcome.User, brokenPlan.Outcome);
        Assert.DoesNotContain(brokenPlan.Claims, c => c.Name == "plan");
        Assert.Contains(brokenPlan.Warnings, w => w.StartsWith("plan is left out: it is not well-formed text", StringComparison.Ordinal));
    }

    [Fact]
    public Task A_bubble_claim_name_with_a_lone_surrogate_stops_the_start_naming_the_key() =>
        ConfigurationValidationTests.AssertStartFailsNamingAsync("Clients:0:BubbleClaims:0", new Dictionary<string, string?>
        {
            ["Clients:0:BubbleClaims:0"] = "pl\ud800an",
        });

    private int _users;

    /// <summary>A user of the simulator's live app whose whoami answers <paramref name="rawResponse"/> as it is.</summary>
    private async Task<string> LogInAnsweredAsync(string rawResponse)
    {
        var email = $"raw{++_users}@example.com";
        Bubble.Simulator.Live.AddUser(email, UserPassword, rawResponse: rawResponse);
        return await LogInAsync(Bubble.Url, email);
    }

    private async Task<WhoamiProbeResult> ProbeAsync(string token)
    {
        await using var scope = Server.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<WhoamiProbe>().TestAsync(BubbleClient, token, CancellationToken.None);
    }
}
