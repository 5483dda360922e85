using System.Text.Json;
using AuthServer.Sessions;
using AuthServer.Storage;
using AuthServer.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AuthServer.Tests.Sessions;

/// <summary>
/// <c>POST /connect/revoke-sessions</c>: a client ends every chain of one user of its own Bubble app, its sibling
/// clients' too (bound to the same app), never another app's or another version's, idempotently and audited.
/// </summary>
public sealed class RevokeSessionsTests : ExchangeTest
{
    /// <summary>A second client of the same Bubble app (and version) as <see cref="ExchangeTest.BubbleClient"/>.</summary>
    private const string SiblingClient = "bubble-app-sibling";
    private const string SiblingSecret = "bubble-app-sibling-secret-0123456789";

    protected override IDictionary<string, string?> ExtraSettings => new Dictionary<string, string?>
    {
        ["Clients:5:ClientId"] = SiblingClient,
        ["Clients:5:ClientSecret"] = SiblingSecret,
        ["Clients:5:GrantTypes:0"] = "token_exchange",
        ["Clients:5:GrantTypes:1"] = "refresh_token",
        ["Clients:5:Scopes:0"] = "sample-api.read",
        ["Clients:5:Scopes:1"] = "offline_access",
        ["Clients:5:BubbleAppUrl"] = Bubble.Url,
        ["Clients:6:ClientId"] = LongestClient,
        ["Clients:6:ClientSecret"] = SiblingSecret,
        ["Clients:6:GrantTypes:0"] = "token_exchange",
        ["Clients:6:Scopes:0"] = "sample-api.read",
        ["Clients:6:BubbleAppUrl"] = Bubble.Url,
    };

    /// <summary>A client id of the longest length allowed: "client:" and it overflow the audit's actor column.</summary>
    private static readonly string LongestClient = new('c', AuthServer.Clients.ClientRules.MaxClientIdLength);

    [Fact]
    public async Task Ends_every_chain_of_the_user_in_the_callers_app_including_a_sibling_clients_and_says_how_many()
    {
        var own = new[] { await ExchangeAsync(await LogInAsync(Bubble.Url)), await ExchangeAsync(await LogInAsync(Bubble.Url)) };
        var sibling = await ExchangeAsync(await LogInAsync(Bubble.Url), clientId: SiblingClient, secret: SiblingSecret);

        var answer = await Tokens.RevokeSessionsAsync(User.Id, BubbleClient, BubbleSecret);

        Assert.Equal(200, answer.Status);
        Assert.Equal(3, answer.RevokedSessions());
        Assert.Equal("no-store", answer.Response.Headers.CacheControl?.ToString());
        foreach (var chain in own)
        {
            OAuthAssert.Error(await RefreshAsync(chain["refresh_token"]!), 400, "invalid_grant");
            Assert.False((await Tokens.IntrospectAsync(chain.AccessToken, BubbleClient, BubbleSecret)).GetProperty("active").GetBoolean());
        }

        var siblingRefresh = await Tokens.PostAsync(new Dictionary<string, string>
        {
            ["grant_type"] = "refresh_token",
            ["refresh_token"] = sibling["refresh_token"]!,
        }, SiblingClient, SiblingSecret);
        OAuthAssert.Error(siblingRefresh, 400, "invalid_grant");
        Assert.False((await Tokens.IntrospectAsync(sibling.AccessToken, SiblingClient, SiblingSecret)).GetProperty("active").GetBoolean());
        Assert.Empty(await SessionsOfAsync(User.Id));
        Assert.True(Logs.HasEvent(6020));
    }

    [Fact]
    public async Task A_second_call_ends_nothing_and_answers_0()
    {
        await ExchangeAsync(await LogInAsync(Bubble.Url));

        Assert.Equal(1, (await Tokens.RevokeSessionsAsync(User.Id, BubbleClient, BubbleSecret)).RevokedSessions());
        var again = await Tokens.RevokeSessionsAsync(User.Id, BubbleClient, BubbleSecret);

        Assert.Equal(200, again.Status);
        Assert.Equal(0, again.RevokedSessions());
    }

    [Fact]
    public async Task Never_reaches_the_same_user_id_in_another_app_or_in_the_apps_version_test()
    {
        // The same unique id in another app and in version-test: Bubble ids are unique within one app only.
        OtherBubble.Simulator.Live.AddUser("other@example.com", UserPassword, id: User.Id);
        Bubble.Simulator.For(true).AddUser("test@example.com", UserPassword, id: User.Id);
        var mine = await ExchangeAsync(await LogInAsync(Bubble.Url));
        var otherApp = await ExchangeAsync(await LogInAsync(OtherBubble.Url, "other@example.com"), clientId: OtherAppClient,
            secret: BubbleSecret + 3);
        var versionTest = await ExchangeAsync(await LogInAsync(Bubble.VersionTestUrl, "test@example.com"), clientId: TestVersionClient,
            secret: BubbleSecret + 2);

        Assert.Equal(1, (await Tokens.RevokeSessionsAsync(User.Id, BubbleClient, BubbleSecret)).RevokedSessions());

        OAuthAssert.Error(await RefreshAsync(mine["refresh_token"]!), 400, "invalid_grant");
        Assert.Equal(200, (await RefreshAsAsync(OtherAppClient, BubbleSecret + 3, otherApp["refresh_token"]!)).Status);
        Assert.Equal(200, (await RefreshAsAsync(TestVersionClient, BubbleSecret + 2, versionTest["refresh_token"]!)).Status);
    }

    [Fact]
    public async Task A_call_for_another_apps_user_is_refused_and_leaves_that_users_sessions_untouched()
    {
        var victim = await ExchangeAsync(await LogInAsync(Bubble.Url));

        // The other app's client names the user id of this app's user: nothing of this app is within its reach.
        var answer = await Tokens.RevokeSessionsAsync(User.Id, OtherAppClient, BubbleSecret + 3);

        Assert.Equal(200, answer.Status);
        Assert.Equal(0, answer.RevokedSessions());
        Assert.Single(await SessionsOfAsync(User.Id));
        var refreshed = await RefreshAsync(victim["refresh_token"]!);
        Assert.Equal(200, refreshed.Status);
        Assert.True((await Tokens.IntrospectAsync(refreshed.AccessToken, BubbleClient, BubbleSecret)).GetProperty("active").GetBoolean());
    }

    [Fact]
    public async Task Every_call_is_audited_under_the_calling_client_even_one_that_ended_nothing()
    {
        await ExchangeAsync(await LogInAsync(Bubble.Url));

        await Tokens.RevokeSessionsAsync(User.Id, BubbleClient, BubbleSecret);
        await Tokens.RevokeSessionsAsync(User.Id, BubbleClient, BubbleSecret);

        await using var scope = Server.Services.CreateAsyncScope();
        var rows = await scope.ServiceProvider.GetRequiredService<AuthDbContext>().AuditEvents.AsNoTracking()
            .Where(e => e.Action == SessionAudit.UserSessionsEnded).OrderBy(e => e.Id).ToListAsync();
        Assert.Equal(2, rows.Count);
        Assert.All(rows, row => Assert.Equal(("client:" + BubbleClient, BubbleClient), (row.Actor, row.ClientId)));
        Assert.StartsWith("1 sessions of user " + User.Id, rows[0].Detail);
        Assert.StartsWith("0 sessions of user " + User.Id, rows[1].Detail);
    }

    [Fact]
    public async Task A_client_with_the_longest_id_is_audited_with_its_actor_cut_to_the_columns_length()
    {
        await ExchangeAsync(await LogInAsync(Bubble.Url));

        var answer = await Tokens.RevokeSessionsAsync(User.Id, LongestClient, SiblingSecret);

        Assert.Equal(200, answer.Status);
        Assert.Equal(1, answer.RevokedSessions());
        await using var scope = Server.Services.CreateAsyncScope();
        var row = await scope.ServiceProvider.GetRequiredService<AuthDbContext>().AuditEvents.AsNoTracking()
            .SingleAsync(e => e.Action == SessionAudit.UserSessionsEnded);
        Assert.Equal(("client:" + LongestClient)[..100], row.Actor);
        Assert.Equal(LongestClient, row.ClientId);
    }

    [Fact]
    public async Task Client_secret_post_authenticates_as_well_as_basic()
    {
        await ExchangeAsync(await LogInAsync(Bubble.Url));

        var answer = await Tokens.RevokeSessionsAsync(User.Id, BubbleClient, BubbleSecret, basic: false);

        Assert.Equal(200, answer.Status);
        Assert.Equal(1, answer.RevokedSessions());
    }

    // RFC 7009's endpoint and this one sit side by side: one client authentication, one answer to its failure.
    [Theory]
    [InlineData("no-such-client", BubbleSecret)]
    [InlineData(BubbleClient, "wrong-secret")]
    public async Task A_failed_authentication_is_401_invalid_client_answered_exactly_as_at_the_revocation_endpoint(string clientId, string secret)
    {
        var chain = await ExchangeAsync(await LogInAsync(Bubble.Url));

        var answer = await Tokens.RevokeSessionsAsync(User.Id, clientId, secret);
        var atRevoke = await Tokens.RevokeAsync("not-a-token", clientId, secret);

        OAuthAssert.Error(answer, 401, "invalid_client");
        Assert.Equal(atRevoke.Headers.WwwAuthenticate.ToString(), answer.Response.Headers.WwwAuthenticate.ToString());
        var revokeError = JsonDocument.Parse(await atRevoke.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(revokeError.GetProperty("error_description").GetString(), answer["error_description"]);
        Assert.Equal(200, (await RefreshAsync(chain["refresh_token"]!)).Status);
    }

    public static TheoryData<string?, string> MissingAuthentication() => new()
    {
        { null, "no client authentication" },
        { "Basic !!!", "not base64" },
        { "Basic " + Convert.ToBase64String("no-colon"u8.ToArray()), "no id:secret pair" },
        { SessionTestClient.Basic(BubbleClient, ""), "an empty secret" },
        { "Basic " + Convert.ToBase64String("bubble%00app:secret"u8.ToArray()), "a NUL in the client id" },
        { SessionTestClient.Basic(new string('c', 5000), "secret"), "a client id no client can have" },
    };

    [Theory]
    [MemberData(nameof(MissingAuthentication))]
    public async Task Missing_or_malformed_client_authentication_is_401_invalid_client_with_a_basic_challenge(string? authorization, string why)
    {
        var answer = await Tokens.PostFormAsync([("user_id", User.Id)], authorization);

        Assert.True(answer.Status == 401, why);
        OAuthAssert.Error(answer, 401, "invalid_client");
        var challenge = Assert.Single(answer.Response.Headers.WwwAuthenticate);
        Assert.Equal("Basic", challenge.Scheme);
        Assert.StartsWith("realm=\"AuthServer\"", challenge.Parameter);
    }

    public static TheoryData<string, (string, string)[]> BadUserIds() => new()
    {
        { "missing", [] },
        { "empty", [("user_id", "")] },
        { "repeated", [("user_id", "1x1"), ("user_id", "2x2")] },
        { "oversized", [("user_id", new string('1', 129))] },
        { "huge", [("user_id", new string('1', 60_000))] },
        { "control character", [("user_id", "1x1\u0000")] },
    };

    [Theory]
    [MemberData(nameof(BadUserIds))]
    public async Task A_missing_repeated_or_oversized_user_id_is_400_invalid_request(string why, (string, string)[] form)
    {
        var chain = await ExchangeAsync(await LogInAsync(Bubble.Url));

        var answer = await Tokens.PostFormAsync(form, SessionTestClient.Basic(BubbleClient, BubbleSecret));

        Assert.True(answer.Status == 400, $"{why}: {answer.Status} {answer.Json}");
        OAuthAssert.Error(answer, 400, "invalid_request");
        Assert.Equal(200, (await RefreshAsync(chain["refresh_token"]!)).Status);
    }

    [Fact]
    public async Task A_client_without_a_bubble_app_is_400_unauthorized_client()
    {
        var answer = await Tokens.RevokeSessionsAsync(User.Id, TestClients.Script, TestClients.ScriptSecret);

        OAuthAssert.Error(answer, 400, "unauthorized_client");
    }

    [Fact]
    public async Task Basic_credentials_of_one_client_with_the_client_id_of_another_in_the_form_are_invalid_request()
    {
        var chain = await ExchangeAsync(await LogInAsync(Bubble.Url));

        var answer = await Tokens.PostFormAsync([("user_id", User.Id)], SessionTestClient.Basic(OtherAppClient, BubbleSecret + 3),
            [("client_id", BubbleClient)]);

        OAuthAssert.Error(answer, 400, "invalid_request");
        Assert.Equal(200, (await RefreshAsync(chain["refresh_token"]!)).Status);
    }

    [Theory]
    [InlineData("GET")]
    [InlineData("PUT")]
    [InlineData("DELETE")]
    public async Task Any_method_but_post_is_405_with_allow_post(string method)
    {
        var chain = await ExchangeAsync(await LogInAsync(Bubble.Url));
        using var request = new HttpRequestMessage(new HttpMethod(method),
            $"{SessionTestClient.Path}?user_id={User.Id}&client_id={BubbleClient}&client_secret={BubbleSecret}");

        var response = await TokenResponse.ReadAsync(await Tokens.Http.SendAsync(request));

        OAuthAssert.Error(response, 405, "invalid_request");
        Assert.Equal("POST", string.Join(",", response.Response.Content.Headers.Allow));
        Assert.Equal(200, (await RefreshAsync(chain["refresh_token"]!)).Status);
    }

    [Fact]
    public async Task A_user_id_in_the_query_string_is_never_read()
    {
        var chain = await ExchangeAsync(await LogInAsync(Bubble.Url));
        using var request = new HttpRequestMessage(HttpMethod.Post, $"{SessionTestClient.Path}?user_id={User.Id}")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>()),
        };
        request.Headers.TryAddWithoutValidation("Authorization", SessionTestClient.Basic(BubbleClient, BubbleSecret));

        OAuthAssert.Error(await TokenResponse.ReadAsync(await Tokens.Http.SendAsync(request)), 400, "invalid_request");
        Assert.Equal(200, (await RefreshAsync(chain["refresh_token"]!)).Status);
    }

    public static TheoryData<string, string?, byte[]> HostileBodies() => new()
    {
        { "JSON instead of a form", "application/json", "{\"user_id\":\"1x1\"}"u8.ToArray() },
        { "no content type", null, "user_id=1x1"u8.ToArray() },
        { "bad UTF-8", "application/x-www-form-urlencoded", [.. "user_id="u8.ToArray(), 0xC3, 0x28] },
        { "malformed form", "application/x-www-form-urlencoded", "user_id=%%%&&=="u8.ToArray() },
        { "a body over 64 KB", "application/x-www-form-urlencoded", [.. "user_id="u8.ToArray(), .. new byte[70_000].Select(_ => (byte)'1')] },
    };

    [Theory]
    [MemberData(nameof(HostileBodies))]
    public async Task Hostile_bodies_are_400_invalid_request_never_500(string why, string? contentType, byte[] body)
    {
        using var content = new ByteArrayContent(body);
        if (contentType is not null)
        {
            content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, SessionTestClient.Path) { Content = content };
        request.Headers.TryAddWithoutValidation("Authorization", SessionTestClient.Basic(BubbleClient, BubbleSecret));
        var response = await TokenResponse.ReadAsync(await Tokens.Http.SendAsync(request));

        Assert.True(response.Status is 400 or 413, $"{why}: {response.Status} {response.Json}");
        Assert.Equal("no-store", response.Response.Headers.CacheControl?.ToString());
        if (response.Status == 400)
        {
            Assert.Equal("invalid_request", response["error"]);
        }
    }

    private Task<TokenResponse> RefreshAsAsync(string clientId, string secret, string refreshToken) =>
        Tokens.PostAsync(new Dictionary<string, string> { ["grant_type"] = "refresh_token", ["refresh_token"] = refreshToken }, clientId, secret);

    private async Task<IReadOnlyList<AuthServer.Storage.Sessions.UserSession>> SessionsOfAsync(string userId)
    {
        await using var scope = Server.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<UserSessionStore>().ListAsync(new SessionQuery(UserId: userId), default);
    }
}
