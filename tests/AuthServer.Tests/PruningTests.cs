using AuthServer.Pruning;
using AuthServer.Storage;
using AuthServer.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OpenIddict.EntityFrameworkCore.Models;

namespace AuthServer.Tests;

public sealed class PruningTests : ExchangeTest
{
    [Fact]
    public async Task Pruning_removes_what_is_expired_and_nothing_else()
    {
        var old = await ExchangeAsync(await LogInAsync(Bubble.Url));
        Assert.Equal(200, (await RefreshAsync(old["refresh_token"]!)).Status); // leaves a redeemed, unexpired refresh token
        var before = await CountAsync();

        Clock.Advance(TimeSpan.FromHours(2)); // the access tokens so far have expired; the refresh tokens have not
        var fresh = await ExchangeAsync(await LogInAsync(Bubble.Url)); // an unexpired access token and refresh token
        var (tokens, _) = await PruneAsync();

        var after = await CountAsync();
        Assert.Equal(2, tokens); // the exchange's and the refresh's access tokens
        Assert.Equal(before.Tokens - 2 + 2, after.Tokens);
        Assert.Equal(before.Clients, after.Clients);
        Assert.Equal(before.Keys, after.Keys);
        Assert.Equal(200, fresh.Status);

        Clock.Advance(TimeSpan.FromDays(15)); // now every refresh token has expired too
        await PruneAsync();

        var end = await CountAsync();
        Assert.Equal(0, end.Tokens);
        Assert.Equal(0, end.Authorizations);
        Assert.Equal(before.Clients, end.Clients);
        Assert.Equal(before.Keys, end.Keys);
    }

    [Fact]
    public async Task A_replayed_refresh_token_is_still_recognised_after_pruning()
    {
        var first = await ExchangeAsync(await LogInAsync(Bubble.Url));
        var rotated = await RefreshAsync(first["refresh_token"]!);

        Clock.Advance(TimeSpan.FromHours(2));
        await PruneAsync();

        Assert.Equal("invalid_grant", (await RefreshAsync(first["refresh_token"]!))["error"]);
        Assert.Equal("invalid_grant", (await RefreshAsync(rotated["refresh_token"]!))["error"]); // the chain was revoked
    }

    private async Task<(int Tokens, int Authorizations)> PruneAsync()
    {
        await using var scope = Server.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<TokenPruner>().PruneAsync();
    }

    private async Task<(int Tokens, int Authorizations, int Clients, int Keys)> CountAsync()
    {
        await using var scope = Server.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AuthDbContext>();
        return (await db.Set<OpenIddictEntityFrameworkCoreToken>().CountAsync(),
            await db.Set<OpenIddictEntityFrameworkCoreAuthorization>().CountAsync(),
            await db.Set<OpenIddictEntityFrameworkCoreApplication>().CountAsync(),
            await db.Keys.CountAsync());
    }
}
