using Microsoft.Extensions.DependencyInjection;
using OpenIddict.Abstractions;

namespace AuthServer.Tests.Protocol.Token;

/// <summary>Access tokens of the user grants get no row either; only refresh tokens are written.</summary>
public sealed class AccessTokenStorageTests : Infrastructure.ExchangeTest
{
    [Fact]
    public async Task An_exchange_and_a_refresh_each_write_only_their_refresh_token()
    {
        var before = await TokenRowsAsync();

        var exchanged = await ExchangeAsync(await LogInAsync(Bubble.Url));
        Assert.Equal(before + 1, await TokenRowsAsync());

        var refreshed = await RefreshAsync(exchanged["refresh_token"]!);
        Assert.Equal(before + 2, await TokenRowsAsync());
        Assert.Equal(200, refreshed.Status);

        // No row, yet still tied to its chain: the signed authorization id is what introspection checks.
        var jwt = new Microsoft.IdentityModel.JsonWebTokens.JsonWebToken(refreshed.AccessToken);
        Assert.False(jwt.TryGetPayloadValue<string>("oi_tkn_id", out _));
        Assert.True(jwt.TryGetPayloadValue<string>("oi_au_id", out var chain) && !string.IsNullOrEmpty(chain));
    }

    private async Task<long> TokenRowsAsync()
    {
        await using var scope = Server.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<IOpenIddictTokenManager>().CountAsync();
    }
}
