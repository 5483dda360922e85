using System.Net;
using AuthServer.Tests.Infrastructure;
using Microsoft.IdentityModel.JsonWebTokens;

namespace AuthServer.Tests.Protocol.Token.Refresh;

public sealed class RefreshTokenTests : ExchangeTest
{
    [Fact]
    public async Task Refresh_rotates_the_refresh_token_and_keeps_subject_and_claims()
    {
        var first = await ExchangeAsync(await LogInAsync(Bubble.Url));

        var second = await RefreshAsync(first["refresh_token"]!);

        Assert.Equal(200, second.Status);
        Assert.NotEqual(first["refresh_token"], second["refresh_token"]);
        Assert.Equal("sample-api.read offline_access", second["scope"]);
        var token = new JsonWebToken(second.AccessToken);
        Assert.Equal(User.Id, token.Subject);
        Assert.Equal(UserEmail, token.GetClaim("email").Value);
        Assert.Equal("pro", token.GetPayloadValue<string>("plan"));
        Assert.Equal(BubbleClient, token.GetClaim("client_id").Value);
        Assert.Equal(["sample-api"], token.Audiences);
        Assert.Equal(1, WhoAmICalls()); // a refresh never needs Bubble
    }

    [Fact]
    public async Task Refresh_can_narrow_the_scope()
    {
        var first = await ExchangeAsync(await LogInAsync(Bubble.Url));

        var narrowed = await RefreshAsync(first["refresh_token"]!, scope: "sample-api.read");

        Assert.Equal(200, narrowed.Status);
        Assert.Equal("sample-api.read", new JsonWebToken(narrowed.AccessToken).GetClaim("scope").Value);
    }

    [Fact]
    public async Task Reuse_within_the_leeway_works()
    {
        var first = await ExchangeAsync(await LogInAsync(Bubble.Url));
        var rotated = await RefreshAsync(first["refresh_token"]!);

        Clock.Advance(TimeSpan.FromSeconds(20));
        var reused = await RefreshAsync(first["refresh_token"]!);

        Assert.Equal(200, rotated.Status);
        Assert.Equal(200, reused.Status);
    }

    [Fact]
    public async Task Reuse_after_the_leeway_revokes_the_whole_chain_and_is_logged_as_theft()
    {
        var first = await ExchangeAsync(await LogInAsync(Bubble.Url));
        var rotated = await RefreshAsync(first["refresh_token"]!);
        Assert.Equal(200, rotated.Status);

        Clock.Advance(TimeSpan.FromSeconds(45));
        var replay = await RefreshAsync(first["refresh_token"]!);

        OAuthAssert.Error(replay, 400, "invalid_grant");
        OAuthAssert.Error(await RefreshAsync(rotated["refresh_token"]!), 400, "invalid_grant");
        Assert.True(Logs.HasEvent(2002), "the possible theft (2002) was not logged");
        Assert.DoesNotContain(first["refresh_token"]!, Logs.AllText);
    }

    [Fact]
    public async Task Refresh_token_of_another_client_is_invalid_grant()
    {
        Bubble.Simulator.VersionTest.AddUser(UserEmail, UserPassword);
        var other = await ExchangeAsync(await LogInAsync(Bubble.VersionTestUrl), clientId: TestVersionClient, secret: BubbleSecret + 2);

        OAuthAssert.Error(await RefreshAsync(other["refresh_token"]!), 400, "invalid_grant");
    }

    [Fact]
    public async Task Twenty_parallel_refreshes_of_one_token_all_finish_without_a_500()
    {
        var first = await ExchangeAsync(await LogInAsync(Bubble.Url));

        var results = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => RefreshAsync(first["refresh_token"]!)));

        Assert.All(results, r => Assert.True(r.Status is 200 or 400, $"status {r.Status}: {r.Json}"));
        Assert.All(results.Where(r => r.Status == 400), r => Assert.Equal("invalid_grant", r["error"]));
        Assert.Contains(results, r => r.Status == 200);
        var winner = results.First(r => r.Status == 200);
        Assert.Equal(HttpStatusCode.OK, (await CallApiAsync("/me", winner.AccessToken)).StatusCode);
    }
}
