using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using AuthServer.Tests.Infrastructure;
using BubbleSimulator;

namespace AuthServer.Tests.Simulation;

/// <summary>
/// The simulator plays a Bubble app's user sessions as BUBBLE-FACTS describes them: "keep the user logged in" against
/// 24-hour tokens, the 30-day idle expiry, logout, "Log out other user's sessions" and user deletion.
/// </summary>
public sealed class BubbleAppTests
{
    private readonly SimulatorClock _clock = new();
    private readonly BubbleApp _app;
    private readonly SimulatedUser _ada;
    private readonly SimulatedUser _bob;

    public BubbleAppTests()
    {
        _app = new BubbleApp("live", _clock);
        _ada = _app.AddUser("ada@example.com", "ada-password");
        _bob = _app.AddUser("bob@example.com", "bob-password");
    }

    private string LogIn(SimulatedUser user, TimeSpan? lifetime = null) =>
        _app.LogIn(user.Email, user.Password, lifetime ?? TimeSpan.FromHours(24))!.Value;

    [Fact]
    public void Log_out_other_sessions_ends_every_token_of_the_user_but_the_one_kept()
    {
        var current = LogIn(_ada);
        var phone = LogIn(_ada);
        var laptop = LogIn(_ada);
        var other = LogIn(_bob);

        Assert.Equal(2, _app.LogOutOtherSessions(_ada.Id, keepToken: current));

        Assert.Equal(_ada, _app.Use(current));
        Assert.Null(_app.Use(phone));
        Assert.Null(_app.Use(laptop));
        Assert.Equal(_bob, _app.Use(other));
    }

    [Fact]
    public void Log_out_other_sessions_without_a_kept_token_ends_them_all_and_again_ends_none()
    {
        var one = LogIn(_ada);
        var two = LogIn(_ada);

        Assert.Equal(2, _app.LogOutOtherSessions(_ada.Id));
        Assert.Equal(0, _app.LogOutOtherSessions(_ada.Id));
        Assert.Null(_app.Use(one));
        Assert.Null(_app.Use(two));
    }

    [Fact]
    public void A_deleted_users_tokens_stop_working_and_a_new_user_with_the_same_email_gets_none_of_them()
    {
        var token = LogIn(_ada);

        Assert.True(_app.DeleteUser(_ada.Id));
        Assert.False(_app.DeleteUser(_ada.Id));
        Assert.Null(_app.Use(token));
        Assert.Null(_app.FindUser(_ada.Id));

        var again = _app.AddUser(_ada.Email, "new-password");
        Assert.NotEqual(_ada.Id, again.Id);
        Assert.Null(_app.Use(token));
        Assert.Equal(again, _app.Use(LogIn(again)));
    }

    [Fact]
    public void A_24_hour_token_ends_after_a_day_however_often_it_is_used()
    {
        var token = LogIn(_ada);

        _clock.Advance(TimeSpan.FromHours(23));
        Assert.NotNull(_app.Use(token));
        _clock.Advance(TimeSpan.FromHours(1));
        Assert.Null(_app.Use(token));
    }

    [Fact]
    public void A_kept_token_lives_while_used_within_30_days_and_ends_after_30_idle_days()
    {
        var used = LogIn(_ada, TimeSpan.FromDays(365));
        var idle = LogIn(_ada, TimeSpan.FromDays(365));

        for (var month = 0; month < 3; month++)
        {
            _clock.Advance(TimeSpan.FromDays(29));
            Assert.NotNull(_app.Use(used));
        }

        Assert.Null(_app.Use(idle)); // 87 days unused
        _clock.Advance(TimeSpan.FromDays(30));
        Assert.Null(_app.Use(used));
    }

    [Theory]
    [InlineData(null, 86_400)]
    [InlineData(true, 31_536_000)]
    [InlineData(false, 86_400)]
    public async Task Login_answers_a_365_day_token_only_when_asked_to_keep_the_user_logged_in(bool? keep, long expires)
    {
        using var directory = new TestDirectory();
        await using var bubble = await SimulatorInstance.StartAsync(directory.Path);
        bubble.Simulator.Live.AddUser("ada@example.com", "ada-password");
        using var http = new HttpClient();

        object body = keep is { } k
            ? new { email = "ada@example.com", password = "ada-password", keep_logged_in = k }
            : new { email = "ada@example.com", password = "ada-password" };
        var response = await http.PostAsJsonAsync($"{bubble.Url}/api/1.1/wf/login", body);

        var answer = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("response");
        Assert.Equal(expires, answer.GetProperty("expires").GetInt64());
        var token = bubble.Simulator.Live.FindToken(answer.GetProperty("token").GetString()!)!;
        Assert.Equal(TimeSpan.FromSeconds(expires), token.Expires - token.LastUsed);
    }

    [Fact]
    public async Task The_log_out_other_sessions_workflow_keeps_the_callers_session_and_ends_the_rest()
    {
        using var directory = new TestDirectory();
        await using var bubble = await SimulatorInstance.StartAsync(directory.Path);
        var app = bubble.Simulator.Live;
        var ada = app.AddUser("ada@example.com", "ada-password");
        var caller = app.LogIn(ada.Email, ada.Password, TimeSpan.FromDays(1))!.Value;
        var other = app.LogIn(ada.Email, ada.Password, TimeSpan.FromDays(1))!.Value;
        using var http = new HttpClient();

        var ended = await PostAsync(http, $"{bubble.Url}/api/1.1/wf/logout-other-sessions", caller);
        Assert.Equal(HttpStatusCode.OK, ended.StatusCode);
        Assert.Equal(1, JsonDocument.Parse(await ended.Content.ReadAsStringAsync()).RootElement.GetProperty("response").GetProperty("ended").GetInt32());

        Assert.Equal(HttpStatusCode.OK, (await PostAsync(http, $"{bubble.Url}/api/1.1/wf/whoami", caller)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await PostAsync(http, $"{bubble.Url}/api/1.1/wf/whoami", other)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await PostAsync(http, $"{bubble.Url}/api/1.1/wf/logout-other-sessions", other)).StatusCode);
    }

    private static async Task<HttpResponseMessage> PostAsync(HttpClient http, string url, string bearer)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, url);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        return await http.SendAsync(request);
    }
}
