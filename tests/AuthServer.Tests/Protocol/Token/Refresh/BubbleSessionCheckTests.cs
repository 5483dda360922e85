using System.Net.Http.Json;
using AuthServer.Protocol.Token.Refresh;
using AuthServer.Tests.Infrastructure;
using static AuthServer.Tests.Protocol.Token.Refresh.SessionTestSupport;

namespace AuthServer.Tests.Protocol.Token.Refresh;

/// <summary>
/// A chain never outlives the Bubble login it came from: past <c>Bubble:SessionCheckInterval</c> since Bubble last
/// confirmed it, a refresh asks whoami again with the stored Bubble token.
/// </summary>
public sealed class BubbleSessionCheckTests : ExchangeTest
{
    private static readonly TimeSpan Interval = TimeSpan.FromMinutes(10);

    protected override IDictionary<string, string?> ExtraSettings => new Dictionary<string, string?>
    {
        ["Bubble:SessionCheckInterval"] = "00:10:00",
        ["Clients:2:BubbleSessionCheck"] = "false",
    };

    [Fact]
    public async Task A_refresh_within_the_interval_does_not_ask_bubble()
    {
        var exchanged = await ExchangeAsync(await LogInAsync(Bubble.Url));
        Clock.Advance(Interval - TimeSpan.FromMinutes(1));

        var refreshed = await RefreshAsync(exchanged["refresh_token"]!);

        Assert.Equal(200, refreshed.Status);
        Assert.Equal(1, WhoAmICalls());
    }

    [Fact]
    public async Task A_refresh_past_the_interval_asks_bubble_once_then_not_again_until_the_next_interval()
    {
        var exchanged = await ExchangeAsync(await LogInAsync(Bubble.Url));
        Clock.Advance(Interval + TimeSpan.FromSeconds(1));

        var first = await RefreshAsync(exchanged["refresh_token"]!);
        var second = await RefreshAsync(first["refresh_token"]!);

        Assert.Equal(200, first.Status);
        Assert.Equal(200, second.Status);
        Assert.Equal(2, WhoAmICalls());
        var session = Assert.Single(await SessionsAsync(Server.Services));
        var listed = Assert.Single(await ListedAsync(Server.Services, new(UserId: User.Id)));
        Assert.True(listed.LastRefreshedUtc >= session.CreatedUtc + Interval, $"last refreshed {listed.LastRefreshedUtc:O}");
    }

    [Fact]
    public async Task A_logout_at_bubble_ends_the_chain_at_the_next_checked_refresh_with_an_audit_row()
    {
        var bubbleToken = await LogInAsync(Bubble.Url);
        var exchanged = await ExchangeAsync(bubbleToken);
        var rotated = await RefreshAsync(exchanged["refresh_token"]!);
        await LogOutAtBubbleAsync(Bubble.Url, bubbleToken);
        Clock.Advance(Interval + TimeSpan.FromSeconds(1));

        var refused = await RefreshAsync(rotated["refresh_token"]!);

        OAuthAssert.Error(refused, 400, "invalid_grant");
        Assert.Equal(BubbleSessionCheck.EndedDescription, refused["error_description"]);
        Assert.False((await Tokens.IntrospectAsync(rotated["refresh_token"]!, BubbleClient, BubbleSecret)).GetProperty("active").GetBoolean());
        Assert.False((await Tokens.IntrospectAsync(rotated.AccessToken, BubbleClient, BubbleSecret)).GetProperty("active").GetBoolean());
        Assert.Empty(await SessionsAsync(Server.Services));
        Assert.Contains("session.ended_by_bubble", await AuditActionsAsync(Server.Services));
        Assert.True(Logs.HasEvent(6001));
        Assert.DoesNotContain(bubbleToken, Logs.AllText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_bubble_outage_during_the_check_answers_503_and_keeps_the_chain()
    {
        var exchanged = await ExchangeAsync(await LogInAsync(Bubble.Url));
        Clock.Advance(Interval + TimeSpan.FromSeconds(1));
        Bubble.Simulator.Faults.FailNext(10, 503);

        var postponed = await RefreshAsync(exchanged["refresh_token"]!);

        OAuthAssert.Error(postponed, 503, "temporarily_unavailable");
        Assert.NotNull(postponed.Response.Headers.RetryAfter);
        Assert.True(Logs.HasEvent(6004));
        Bubble.Simulator.Faults.Clear();

        // The same refresh token, not redeemed by the refused refresh, works once Bubble is back.
        var refreshed = await RefreshAsync(exchanged["refresh_token"]!);
        Assert.Equal(200, refreshed.Status);
        Assert.Single(await SessionsAsync(Server.Services));
    }

    [Fact]
    public async Task A_whoami_that_names_another_user_ends_the_chain_and_is_logged_as_a_security_event()
    {
        var exchanged = await ExchangeAsync(await LogInAsync(Bubble.Url));
        // The row says the chain is someone else's than the user Bubble now names for its token.
        await UpdateSessionsAsync(Server.Services, session => session.UserId = "1700000000000x111111111111111111");
        Clock.Advance(Interval + TimeSpan.FromSeconds(1));

        var refused = await RefreshAsync(exchanged["refresh_token"]!);

        OAuthAssert.Error(refused, 400, "invalid_grant");
        Assert.Equal(BubbleSessionCheck.UserChangedDescription, refused["error_description"]);
        Assert.True(Logs.HasEvent(6002));
        Assert.Contains("session.user_changed", await AuditActionsAsync(Server.Services));
        Assert.False((await Tokens.IntrospectAsync(exchanged["refresh_token"]!, BubbleClient, BubbleSecret)).GetProperty("active").GetBoolean());
    }

    [Fact]
    public async Task A_client_without_the_check_keeps_no_bubble_token_and_never_asks_bubble_at_refresh()
    {
        Bubble.Simulator.VersionTest.AddUser("tester@example.com", UserPassword);
        var exchanged = await ExchangeAsync(await LogInAsync(Bubble.VersionTestUrl, "tester@example.com"),
            clientId: TestVersionClient, secret: BubbleSecret + 2);
        Assert.Equal(200, exchanged.Status);
        Clock.Advance(Interval + TimeSpan.FromSeconds(1));

        var refreshed = await Tokens.PostAsync(new() { ["grant_type"] = "refresh_token", ["refresh_token"] = exchanged["refresh_token"]! },
            TestVersionClient, BubbleSecret + 2);

        Assert.Equal(200, refreshed.Status);
        Assert.Null(Assert.Single(await SessionsAsync(Server.Services)).ProtectedSubjectToken);
        Assert.Equal(1, WhoAmICalls()); // the exchange's only
    }

    [Theory]
    [InlineData("log out other user's sessions")]
    [InlineData("user deleted")]
    [InlineData("24-hour token expired")]
    public async Task Bubble_ending_the_login_in_any_of_its_ways_ends_the_chain_at_the_next_checked_refresh(string how)
    {
        var exchanged = await ExchangeAsync(await LogInAsync(Bubble.Url));
        var elapsed = Interval + TimeSpan.FromSeconds(1);
        switch (how)
        {
            case "log out other user's sessions": Assert.Equal(1, Bubble.Simulator.Live.LogOutOtherSessions(User.Id)); break;
            case "user deleted": Assert.True(Bubble.Simulator.Live.DeleteUser(User.Id)); break;
            default: elapsed = TimeSpan.FromHours(25); break; // a login without "keep the user logged in" lasts 24 hours
        }

        Bubble.Simulator.Clock.Advance(elapsed);
        Clock.Advance(elapsed);

        var refused = await RefreshAsync(exchanged["refresh_token"]!);

        OAuthAssert.Error(refused, 400, "invalid_grant");
        Assert.Equal(BubbleSessionCheck.EndedDescription, refused["error_description"]);
    }

    [Fact]
    public async Task A_login_kept_logged_in_outlives_24_hours_and_its_chain_goes_on()
    {
        using var http = new HttpClient();
        var login = await http.PostAsJsonAsync($"{Bubble.Url}/api/1.1/wf/login",
            new { email = UserEmail, password = UserPassword, keep_logged_in = "true" });
        var bubbleToken = System.Text.Json.JsonDocument.Parse(await login.Content.ReadAsStringAsync())
            .RootElement.GetProperty("response").GetProperty("token").GetString()!;
        var exchanged = await ExchangeAsync(bubbleToken);
        Bubble.Simulator.Clock.Advance(TimeSpan.FromHours(25));
        Clock.Advance(TimeSpan.FromHours(25));

        var refreshed = await RefreshAsync(exchanged["refresh_token"]!);

        Assert.Equal(200, refreshed.Status);
        Assert.Equal(2, WhoAmICalls());
    }
}
