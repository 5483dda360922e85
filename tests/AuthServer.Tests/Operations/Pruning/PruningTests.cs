using AuthServer.Storage;
using AuthServer.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OpenIddict.EntityFrameworkCore.Models;
using AuthServer.Operations.Pruning;

namespace AuthServer.Tests.Operations.Pruning;

public sealed class PruningTests : ExchangeTest
{
    [Fact]
    public async Task Pruning_removes_what_is_expired_and_nothing_else()
    {
        var before = await CountAsync();
        var old = await ExchangeAsync(await LogInAsync(Bubble.Url));
        Assert.Equal(200, (await RefreshAsync(old["refresh_token"]!)).Status); // a redeemed and a live refresh token, one chain

        Clock.Advance(TimeSpan.FromDays(15)); // the old chain's refresh tokens have expired
        var fresh = await ExchangeAsync(await LogInAsync(Bubble.Url)); // a new chain with an unexpired refresh token
        Assert.Equal(200, fresh.Status);
        var (tokens, authorizations) = await PruneAsync();

        Assert.Equal((2, 1), (tokens, authorizations)); // the old chain's two refresh tokens and its authorization
        var after = await CountAsync();
        Assert.Equal((before.Tokens + 1, before.Authorizations + 1), (after.Tokens, after.Authorizations));
        Assert.Equal(before.Clients, after.Clients);
        Assert.Equal(before.Keys, after.Keys);
        Assert.Equal(200, (await RefreshAsync(fresh["refresh_token"]!)).Status);

        Clock.Advance(TimeSpan.FromDays(15)); // now every refresh token has expired
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

/// <summary>Refresh tokens configured to live shorter than access tokens: pruning must not end a chain's access tokens early.</summary>
public sealed class ShortRefreshPruningTests : ExchangeTest
{
    protected override IDictionary<string, string?> ExtraSettings => new Dictionary<string, string?>
    {
        ["Auth:AccessTokenLifetime"] = "01:00:00",
        ["Auth:RefreshTokenLifetime"] = "00:30:00",
    };

    [Fact]
    public async Task Pruning_keeps_the_chain_while_its_access_tokens_live_even_after_its_refresh_tokens_expired()
    {
        var exchanged = await ExchangeAsync(await LogInAsync(Bubble.Url));

        Clock.Advance(TimeSpan.FromMinutes(45)); // the refresh token has expired; the access token has not
        await using (var scope = Server.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<TokenPruner>().PruneAsync();
        }

        var introspection = await Tokens.IntrospectAsync(exchanged.AccessToken, BubbleClient, BubbleSecret);
        Assert.True(introspection.GetProperty("active").GetBoolean(), introspection.ToString());
    }
}
