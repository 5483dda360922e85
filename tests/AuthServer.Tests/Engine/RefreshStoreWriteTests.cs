using AuthServer.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using OpenIddict.Server;
using static OpenIddict.Server.OpenIddictServerEvents;
using AuthServer.Engine;
using AuthServer.Protocol.Token.Refresh;

namespace AuthServer.Tests.Engine;

/// <summary>
/// A refresh writes what it must to the store, once: the redeemed row and its successor. The engine's work
/// (<see cref="OtherTokenRedemption"/>): with Engine:Enabled=false, OpenIddict's own redemption writes the row again.
/// </summary>
public sealed class RefreshStoreWriteTests : ExchangeTest
{
    [Fact]
    public async Task A_refresh_updates_the_redeemed_token_once_and_inserts_its_successor()
    {
        var refreshToken = (await ExchangeAsync(await LogInAsync(Bubble.Url)))["refresh_token"]!;
        using var recorder = new StoreCommandRecorder(Server.Services);

        Assert.Equal(200, (await RefreshAsync(refreshToken)).Status);

        Assert.Equal(1, recorder.Count("UPDATE \"OpenIddictTokens\""));
        Assert.Equal(1, recorder.Count("INSERT INTO \"OpenIddictTokens\""));
    }

    [Fact]
    public async Task A_reuse_within_the_leeway_leaves_the_redeemed_token_as_it_is()
    {
        var refreshToken = (await ExchangeAsync(await LogInAsync(Bubble.Url)))["refresh_token"]!;
        Assert.Equal(200, (await RefreshAsync(refreshToken)).Status);
        using var recorder = new StoreCommandRecorder(Server.Services);

        Assert.Equal(200, (await RefreshAsync(refreshToken)).Status); // the default leeway is 30 s

        Assert.Equal(0, recorder.Count("UPDATE \"OpenIddictTokens\""));
        Assert.Equal(1, recorder.Count("INSERT INTO \"OpenIddictTokens\""));
    }

    [Fact]
    public void OpenIddicts_redemption_still_runs_in_its_place_for_every_other_token()
    {
        var handlers = Server.Services.GetRequiredService<IOptionsMonitor<OpenIddictServerOptions>>().CurrentValue.Handlers
            .Where(handler => handler.ContextType == typeof(ProcessSignInContext)).ToList();
        var builtIn = OpenIddictServerHandlers.RedeemTokenEntry.Descriptor;

        Assert.DoesNotContain(handlers, handler => handler.ServiceDescriptor.ServiceType == builtIn.ServiceDescriptor.ServiceType);
        var replacement = Assert.Single(handlers, handler => handler.ServiceDescriptor.ServiceType == typeof(OtherTokenRedemption));
        Assert.Equal(builtIn.Order, replacement.Order);
        Assert.Equal(builtIn.FilterTypes.ToArray(), replacement.FilterTypes.ToArray());
        Assert.Contains(handlers, handler => handler.ServiceDescriptor.ServiceType == typeof(RefreshTokenRedemption)
            && handler.Order < replacement.Order);
    }
}
