using AuthServer.Administration.Bubble;
using AuthServer.Tests.Infrastructure;

namespace AuthServer.Tests.Administration.Journey;

/// <summary>
/// The guide, run. Every request below is one of the guide's own <see cref="ConnectorCall"/>s, sent as the API Connector
/// sends it, by workflows that follow the guide's steps (their actions, in order, and their conditions) against the
/// Bubble simulator, AuthServer and SampleApi on loopback. A change to a call's URL, header or body, or to which
/// calls a workflow runs, is tested here as it ships.
/// </summary>
public sealed class BubbleGuideJourneyTests : ExchangeTest
{
    private readonly GuideCallRunner _run = new();
    private SampleApiInstance _api = null!;

    // Every refresh asks Bubble whether the login still holds, so a Bubble outage is AuthServer's 503 at refresh time.
    protected override IDictionary<string, string?> ExtraSettings => new Dictionary<string, string?>
    {
        ["Bubble:SessionCheckInterval"] = "00:00:00",
        // The loop's retries come a minute apart in Bubble; here they come at once, and must not meet an open breaker.
        ["Bubble:BreakerMinimumThroughput"] = "1000",
    };

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        _api = await ClockedSampleApi.StartAsync(Server.Url, Directory.Path, Logs, Clock);
    }

    public override async Task DisposeAsync()
    {
        _run.Dispose();
        await _api.DisposeAsync();
        await base.DisposeAsync();
    }

    /// <summary>Bubble is down (503 to every call, AuthServer's retries included), or back up.</summary>
    private void BubbleIsDown(bool down)
    {
        if (down) Bubble.Simulator.Faults.FailNext(1_000, 503);
        else Bubble.Simulator.Faults.Clear();
    }

    private BubbleConnection Guide(params string[] scopes) => BubbleConnectionGuide.Build(Server.Url, new BubbleConnectionRequest(
        BubbleClient, BubbleSecret, Bubble.Url, scopes.Length == 0 ? ["sample-api.read", "offline_access"] : scopes, [],
        ApiUrl: _api.Url + "/me"));

    [Fact]
    public async Task The_guides_calls_carry_a_user_from_login_across_an_expiry_and_an_outage_to_logout()
    {
        var guide = Guide();
        var calls = guide.Calls;
        var journey = new GuideWorkflows(guide, _run);
        AssertTheWorkflowsRunTheseCalls(guide);

        // Step 1's test token (kept logged in: Bubble's 12 months), then step 2's "try it" of whoami with it.
        var test = await _run.RunAsync(calls.Login, ("email", UserEmail), ("password", UserPassword));
        Assert.Equal("31536000", test["expires"]);
        Assert.Equal(User.Id, (await _run.RunAsync(calls.Whoami, ("token", test["token"]!)))["user_id"]);

        // The login page: Bubble token, exchange, the User's fields.
        var user = new GuideUser();
        Assert.False((await journey.LogInAsync(user, UserEmail, UserPassword)).ReturnedAnError);
        Assert.NotNull(user.AccessToken);
        Assert.NotNull(user.RefreshToken);
        Assert.StartsWith("bus|", user.BubbleToken);
        Assert.NotEqual(test["token"], user.BubbleToken); // the page's own login, not the test token

        // Calling the API: 200 at once.
        var me = await journey.CallApiAsync(user);
        Assert.Equal(200, me.StatusCode);
        Assert.Equal(User.Id, me["sub"]);
        Assert.Equal(BubbleClient, me["client_id"]);

        // Two hours later the access token has expired: 401, one refresh, one retry, 200.
        Clock.Advance(TimeSpan.FromHours(2));
        _run.Sent.Clear();
        var afterExpiry = await journey.CallApiAsync(user);
        Assert.Equal(200, afterExpiry.StatusCode);
        Assert.Equal(["My API - me", "AuthServer - refresh", "My API - me"], _run.Sent);

        // The scheduled refresh loop: its usual path rotates the refresh token and schedules itself again.
        var rotated = user.RefreshToken;
        Assert.Equal(RefreshOutcome.Scheduled(0), await journey.RefreshAsync(user, tries: 0));
        Assert.NotEqual(rotated, user.RefreshToken);

        // A Bubble outage during a refresh: AuthServer answers 503, the loop tries again a minute later, the chain goes on.
        BubbleIsDown(true);
        Assert.Equal(RefreshOutcome.Scheduled(1), await journey.RefreshAsync(user, tries: 0));
        BubbleIsDown(false);
        Assert.Equal(RefreshOutcome.Scheduled(0), await journey.RefreshAsync(user, tries: 1));
        Assert.True(Logs.HasEvent(6004)); // the session check postponed, the chain kept

        // A long outage: the loop gives up after its bounded tries, the fields stay, and the chain works once it ends.
        BubbleIsDown(true);
        var attempts = 0;
        for (var outcome = RefreshOutcome.Scheduled(0); outcome.Tries is { } tries; attempts++)
        {
            Assert.True(attempts <= BubbleGuideSteps.RefreshTries, "the loop must stop");
            outcome = await journey.RefreshAsync(user, tries);
        }

        Assert.Equal(BubbleGuideSteps.RefreshTries + 1, attempts);
        BubbleIsDown(false);
        Assert.NotNull(user.RefreshToken);
        Assert.Equal(200, (await journey.CallApiAsync(user)).StatusCode);

        // Logout: revoke at AuthServer, clear the fields. The session is over: the last refresh token is refused...
        var lastRefresh = user.RefreshToken!;
        var lastAccess = user.AccessToken!;
        var keptBubbleToken = user.BubbleToken!;
        await journey.LogOutAsync(user);
        Assert.Null(user.RefreshToken);
        var refused = await _run.RunAsync(calls.Refresh!, ("refresh_token", lastRefresh));
        Assert.Equal(400, refused.StatusCode);
        Assert.Equal("invalid_grant", refused["error"]);

        // ...and once the last access token expires, the API answers 401.
        Clock.Advance(TimeSpan.FromHours(2));
        Assert.Equal(401, (await _run.RunAsync(calls.Api, ("access_token", lastAccess))).StatusCode);

        // The Bubble token the session kept was logged out at Bubble too: it starts no session again.
        var reExchanged = await _run.RunAsync(calls.Exchange, ("token", keptBubbleToken));
        Assert.Equal(400, reExchanged.StatusCode);
        Assert.Equal("invalid_request", reExchanged["error"]);
    }

    [Fact]
    public async Task Logging_in_again_ends_the_previous_session()
    {
        var journey = new GuideWorkflows(Guide(), _run);
        var user = new GuideUser();
        await journey.LogInAsync(user, UserEmail, UserPassword);
        var first = user.RefreshToken!;

        await journey.LogInAsync(user, UserEmail, UserPassword);

        Assert.NotEqual(first, user.RefreshToken);
        var refused = await _run.RunAsync(Guide().Calls.Refresh!, ("refresh_token", first));
        Assert.Equal("invalid_grant", refused["error"]);
        Assert.Equal(RefreshOutcome.Scheduled(0), await journey.RefreshAsync(user, tries: 0));
    }

    [Fact]
    public async Task After_invalid_grant_the_loop_exchanges_the_stored_bubble_token_once_and_clears_the_fields_when_bubble_refuses_it()
    {
        var guide = Guide();
        var journey = new GuideWorkflows(guide, _run);
        var user = new GuideUser();
        await journey.LogInAsync(user, UserEmail, UserPassword);

        // The chain ends at AuthServer (here revoked behind the loop's back): one exchange of the Bubble token starts another.
        Assert.Equal(200, (await _run.RunAsync(guide.Calls.Revoke!, ("refresh_token", user.RefreshToken!))).StatusCode);
        var ended = user.RefreshToken;
        Assert.Equal(RefreshOutcome.Scheduled(0), await journey.RefreshAsync(user, tries: 0));
        Assert.NotEqual(ended, user.RefreshToken);
        Assert.Equal(200, (await journey.CallApiAsync(user)).StatusCode);

        // Bubble logs that token out too (past AuthServer's one-minute cache of Bubble's yes): the fields are cleared.
        Bubble.Simulator.Live.LogOut(user.BubbleToken!);
        Clock.Advance(TimeSpan.FromSeconds(61));
        Assert.Equal(200, (await _run.RunAsync(guide.Calls.Revoke!, ("refresh_token", user.RefreshToken!))).StatusCode);
        Assert.Equal(RefreshOutcome.Stopped, await journey.RefreshAsync(user, tries: 0));
        Assert.True(user.IsCleared);
        Assert.Equal(["AuthServer - refresh", "AuthServer - exchange"], _run.Sent[^2..]);
    }

    [Fact]
    public async Task Without_refresh_tokens_a_401_is_answered_by_one_exchange_of_the_stored_bubble_token()
    {
        var guide = Guide("sample-api.read");
        var journey = new GuideWorkflows(guide, _run);
        AssertRuns([guide.Calls.Api, guide.Calls.Exchange, guide.Calls.Api], guide.Steps.Single(s => s.Id == "api-page"));
        var user = new GuideUser();
        Assert.False((await journey.LogInAsync(user, UserEmail, UserPassword)).ReturnedAnError);
        Assert.Null(user.RefreshToken);

        Clock.Advance(TimeSpan.FromHours(2));
        _run.Sent.Clear();
        var me = await journey.CallApiAsync(user);

        Assert.Equal(200, me.StatusCode);
        Assert.Equal(User.Id, me["sub"]);
        Assert.Equal(["My API - me", "AuthServer - exchange", "My API - me"], _run.Sent);
    }

    /// <summary>The workflows of the guide run exactly these calls, in this order: what <see cref="GuideWorkflows"/> plays.</summary>
    private static void AssertTheWorkflowsRunTheseCalls(BubbleConnection guide)
    {
        var calls = guide.Calls;
        var steps = guide.Steps.ToDictionary(s => s.Id);
        AssertRuns([calls.Login, calls.Exchange, calls.Revoke!], steps["login-page"]);
        AssertRuns([calls.Api, calls.Refresh!, calls.Api], steps["api-page"]);
        AssertRuns([calls.Refresh!, calls.Exchange], steps["refresh-workflow"]);
        AssertRuns([calls.Revoke!, calls.Logout], steps["logout-page"]);
    }

    private static void AssertRuns(ConnectorCall[] expected, GuideStep step)
    {
        Assert.Equal(expected.Select(c => c.ActionName), step.Runs.Select(c => c.ActionName));
        Assert.All(expected.Zip(step.Runs), pair => Assert.Same(pair.First, pair.Second));
    }
}
