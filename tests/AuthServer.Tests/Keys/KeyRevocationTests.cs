using System.Text.Json;
using AuthServer.Keys;
using AuthServer.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;

namespace AuthServer.Tests.Keys;

/// <summary>What <c>keys revoke</c> does to the other keys' schedule, on a running server.</summary>
public sealed class KeyRevocationTests : InProcessServerTest
{
    private readonly TestClock _clock = new();

    protected override void ConfigureServer(Microsoft.AspNetCore.Builder.WebApplicationBuilder builder) =>
        builder.Services.AddSingleton<TimeProvider>(_clock);

    [Fact]
    public async Task Revoking_the_active_key_does_not_extend_the_retired_keys_time_in_the_jwks()
    {
        var firstKid = new JsonWebToken((await Tokens.ClientCredentialsAsync()).AccessToken).Kid;
        var second = await WithKeysAsync(keys => keys.RotateAsync(activateNow: true, "test"));
        _clock.Advance(TimeSpan.FromDays(1));

        await WithKeysAsync(keys => keys.RevokeAsync(second.Id, "test"));
        var first = (await WithKeysAsync(keys => keys.ListAsync())).Single(s => s.Key.Id == firstKid);
        _clock.Advance(TimeSpan.FromDays(1.5)); // 2.5 days after the first key retired, 1.5 after the revocation

        var published = await PublishedKidsAsync();
        var signing = new JsonWebToken((await Tokens.ClientCredentialsAsync()).AccessToken).Kid;

        Assert.Equal(second.ActivatesUtc, first.RetiredUtc);
        Assert.Equal([signing], published);
        Assert.DoesNotContain(signing, new[] { firstKid, second.Id });
    }

    private async Task<T> WithKeysAsync<T>(Func<KeyManager, Task<T>> action)
    {
        await using var scope = Server.Services.CreateAsyncScope();
        return await action(scope.ServiceProvider.GetRequiredService<KeyManager>());
    }

    private async Task<List<string>> PublishedKidsAsync() =>
        [.. JsonDocument.Parse(await Tokens.Http.GetStringAsync("/.well-known/jwks")).RootElement.GetProperty("keys")
            .EnumerateArray().Select(k => k.GetProperty("kid").GetString()!)];
}
