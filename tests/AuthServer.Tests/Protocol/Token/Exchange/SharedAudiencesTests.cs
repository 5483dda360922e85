using AuthServer.Tests.Infrastructure;
using Microsoft.IdentityModel.JsonWebTokens;
using Serilog.Events;

namespace AuthServer.Tests.Protocol.Token.Exchange;

/// <summary>
/// <c>Bubble:SharedAudiences</c>, the explicit opt-in of <see cref="ExchangeTest"/> (its clients of three Bubble
/// bindings all reach sample-api): they may, and every start says in a warning what that risks.
/// </summary>
public sealed class SharedAudiencesTests : ExchangeTest
{
    [Fact]
    public async Task Bubble_SharedAudiences_lets_several_apps_reach_one_api_and_the_start_warns_about_the_risk()
    {
        OtherBubble.Simulator.Live.AddUser(UserEmail, UserPassword);

        var first = await ExchangeAsync(await LogInAsync(Bubble.Url));
        var other = await ExchangeAsync(await LogInAsync(OtherBubble.Url), clientId: OtherAppClient, secret: BubbleSecret + 3);

        Assert.Equal(["sample-api"], new JsonWebToken(first.AccessToken).Audiences);
        Assert.Equal(["sample-api"], new JsonWebToken(other.AccessToken).Audiences);
        var warning = Assert.Single(Logs.Events, e => e.Level == LogEventLevel.Warning && e.RenderMessage().Contains("Bubble:SharedAudiences"));
        Assert.Contains("sample-api", warning.RenderMessage());
        Assert.True(Logs.HasEvent(1050));
    }
}
