using AuthServer.Administration.Sessions;
using AuthServer.Sessions;
using AuthServer.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace AuthServer.Tests.Administration;

/// <summary>The layer the console and the CLI share: a user's sessions listed and ended, one or all, idempotently.</summary>
public sealed class SessionAdministrationTests : ExchangeTest
{
    [Fact]
    public async Task Ending_one_chain_ends_it_once_and_leaves_the_users_other_chains()
    {
        var first = await ExchangeAsync(await LogInAsync(Bubble.Url));
        var second = await ExchangeAsync(await LogInAsync(Bubble.Url));
        await using var scope = Server.Services.CreateAsyncScope();
        var sessions = scope.ServiceProvider.GetRequiredService<SessionAdministration>();
        var listed = await sessions.ListAsync(new SessionQuery(UserId: User.Id));
        Assert.Equal(2, listed.Count);
        var oldest = listed[^1]; // newest first: the first exchange's chain

        Assert.Equal(1, await sessions.EndAsync(oldest.ChainId, "admin:alice"));
        Assert.Equal(0, await sessions.EndAsync(oldest.ChainId, "admin:alice"));

        OAuthAssert.Error(await RefreshAsync(first["refresh_token"]!), 400, "invalid_grant");
        Assert.Equal(200, (await RefreshAsync(second["refresh_token"]!)).Status);
        Assert.Single(await sessions.ListAsync(new SessionQuery(Email: UserEmail)));
        Assert.True(Logs.HasEvent(6021));
    }

    [Theory]
    [InlineData("1x1\u0000")]
    [InlineData("")]
    public async Task A_search_that_can_name_no_one_lists_and_ends_nothing_without_an_error(string userId)
    {
        await ExchangeAsync(await LogInAsync(Bubble.Url));
        await using var scope = Server.Services.CreateAsyncScope();
        var sessions = scope.ServiceProvider.GetRequiredService<SessionAdministration>();

        Assert.Empty(await sessions.ListAsync(new SessionQuery(UserId: userId)));
        Assert.Equal(0, await sessions.EndAllAsync(new SessionQuery(UserId: userId), "cli"));
        Assert.Equal(0, await sessions.EndAsync(userId, "cli"));
        Assert.Single(await sessions.ListAsync(new SessionQuery(UserId: User.Id)));
    }

    [Fact]
    public async Task A_refresh_token_revoked_at_connect_revoke_takes_its_session_off_the_list()
    {
        var chain = await ExchangeAsync(await LogInAsync(Bubble.Url));

        Assert.Equal(200, (int)(await Tokens.RevokeAsync(chain["refresh_token"]!, BubbleClient, BubbleSecret)).StatusCode);

        await using var scope = Server.Services.CreateAsyncScope();
        Assert.Empty(await scope.ServiceProvider.GetRequiredService<SessionAdministration>().ListAsync(new SessionQuery(UserId: User.Id)));
    }
}
