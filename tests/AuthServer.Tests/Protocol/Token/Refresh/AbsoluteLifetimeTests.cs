using AuthServer.Protocol.Token.Refresh;
using AuthServer.Tests.Infrastructure;
using static AuthServer.Tests.Protocol.Token.Refresh.SessionTestSupport;

namespace AuthServer.Tests.Protocol.Token.Refresh;

/// <summary>A chain ends at its absolute lifetime after its exchange, however often it is used.</summary>
public sealed class AbsoluteLifetimeTests : ExchangeTest
{
    protected override IDictionary<string, string?> ExtraSettings => new Dictionary<string, string?>
    {
        ["Auth:RefreshTokenAbsoluteLifetime"] = "02:00:00",
        ["Clients:2:RefreshTokenAbsoluteLifetime"] = "00:30:00",
    };

    [Fact]
    public async Task A_chain_refreshed_often_still_ends_at_its_absolute_lifetime()
    {
        var token = (await ExchangeAsync(await LogInAsync(Bubble.Url)))["refresh_token"]!;
        for (var i = 0; i < 3; i++)
        {
            Clock.Advance(TimeSpan.FromMinutes(35));
            var refreshed = await RefreshAsync(token);
            Assert.Equal(200, refreshed.Status);
            token = refreshed["refresh_token"]!;
        }

        Clock.Advance(TimeSpan.FromMinutes(16)); // 2 h 1 min after the exchange

        var refused = await RefreshAsync(token);

        // The last refresh token was issued to expire at the chain's end: OpenIddict's expiry check refuses it.
        OAuthAssert.Error(refused, 400, "invalid_grant");
        Assert.False((await Tokens.IntrospectAsync(token, BubbleClient, BubbleSecret)).GetProperty("active").GetBoolean());
    }

    [Fact]
    public async Task The_last_refresh_token_of_a_chain_expires_at_the_chains_end()
    {
        var exchanged = await ExchangeAsync(await LogInAsync(Bubble.Url));
        Clock.Advance(TimeSpan.FromMinutes(90));

        var refreshed = await RefreshAsync(exchanged["refresh_token"]!);
        var introspected = await Tokens.IntrospectAsync(refreshed["refresh_token"]!, BubbleClient, BubbleSecret);

        var ends = Assert.Single(await SessionsAsync(Server.Services)).EndsUtc;
        var exp = DateTimeOffset.FromUnixTimeSeconds(introspected.GetProperty("exp").GetInt64()).UtcDateTime;
        Assert.Equal(ends, exp, TimeSpan.FromSeconds(2));
    }

    [Fact]
    public async Task A_client_override_ends_its_chains_sooner()
    {
        Bubble.Simulator.VersionTest.AddUser("tester@example.com", UserPassword);
        var exchanged = await ExchangeAsync(await LogInAsync(Bubble.VersionTestUrl, "tester@example.com"),
            clientId: TestVersionClient, secret: BubbleSecret + 2);
        Clock.Advance(TimeSpan.FromMinutes(31));

        var refused = await Tokens.PostAsync(new() { ["grant_type"] = "refresh_token", ["refresh_token"] = exchanged["refresh_token"]! },
            TestVersionClient, BubbleSecret + 2);

        OAuthAssert.Error(refused, 400, "invalid_grant");
        var session = Assert.Single(await SessionsAsync(Server.Services));
        Assert.Equal(TimeSpan.FromMinutes(30), session.EndsUtc - session.CreatedUtc);
    }
}
