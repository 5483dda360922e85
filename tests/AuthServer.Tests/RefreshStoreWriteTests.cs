using AuthServer.Tests.Infrastructure;

namespace AuthServer.Tests;

/// <summary>A refresh writes what it must to the store, once: the redeemed row and its successor.</summary>
public sealed class RefreshStoreWriteTests : ExchangeTest
{
    [Fact]
    public async Task A_refresh_updates_the_redeemed_token_once_and_inserts_its_successor()
    {
        var refreshToken = (await ExchangeAsync(await LogInAsync(Bubble.Url)))["refresh_token"]!;
        using var recorder = new StoreCommandRecorder(DatabaseFile);

        Assert.Equal(200, (await RefreshAsync(refreshToken)).Status);

        Assert.Equal(1, recorder.Count("UPDATE \"OpenIddictTokens\""));
        Assert.Equal(1, recorder.Count("INSERT INTO \"OpenIddictTokens\""));
    }

    [Fact]
    public async Task A_reuse_within_the_leeway_leaves_the_redeemed_token_as_it_is()
    {
        var refreshToken = (await ExchangeAsync(await LogInAsync(Bubble.Url)))["refresh_token"]!;
        Assert.Equal(200, (await RefreshAsync(refreshToken)).Status);
        using var recorder = new StoreCommandRecorder(DatabaseFile);

        Assert.Equal(200, (await RefreshAsync(refreshToken)).Status); // the default leeway is 30 s

        Assert.Equal(0, recorder.Count("UPDATE \"OpenIddictTokens\""));
        Assert.Equal(1, recorder.Count("INSERT INTO \"OpenIddictTokens\""));
    }
}
