using System.Text.Json;
using AuthServer.Keys;
using AuthServer.Storage;
using AuthServer.Storage.Keys;
using AuthServer.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using Serilog.Events;
using AuthServer.Administration.Keys;

namespace AuthServer.Tests.Administration;

/// <summary>
/// The key administration the CLI and the console share, on a running server (which rereads its keys at
/// every request here): what it changes shows in the JWKS and in the next token.
/// </summary>
public sealed class KeyAdministrationTests : ServerTest
{
    private const string Alice = "admin:alice";

    [Fact]
    public async Task Rotate_announces_a_key_that_appears_in_the_timeline_and_the_jwks_while_the_active_one_signs()
    {
        var active = Assert.Single(await WithKeysAsync(k => k.TimelineAsync())).Kid;

        var rotated = await WithKeysAsync(k => k.RotateAsync(Alice));

        Assert.False(rotated.SignsNow);
        var timeline = await WithKeysAsync(k => k.TimelineAsync());
        Assert.Equal(KeyState.Announced, timeline.Single(k => k.Kid == rotated.Kid).State);
        Assert.Equal(KeyState.Active, timeline.Single(k => k.Kid == active).State);
        Assert.Contains(rotated.Kid, await PublishedKidsAsync());
        Assert.Equal(active, await SigningKidAsync());
    }

    [Fact]
    public async Task Rotate_now_signs_the_next_token_with_the_new_key()
    {
        var rotated = await WithKeysAsync(k => k.RotateAsync(Alice, activateNow: true));

        Assert.True(rotated.SignsNow);
        Assert.Equal(rotated.Kid, await SigningKidAsync());
        Assert.Contains(rotated.Kid, await PublishedKidsAsync());
    }

    [Fact]
    public async Task Revoke_removes_the_key_from_the_jwks_and_names_the_key_that_signs_now()
    {
        var kid = await SigningKidAsync();

        var revoked = Assert.IsType<KeyRevoked>(await WithKeysAsync(k => k.RevokeAsync(kid, Alice)));

        Assert.NotNull(revoked.SigningKid);
        Assert.NotEqual(kid, revoked.SigningKid);
        var published = await PublishedKidsAsync();
        Assert.DoesNotContain(kid, published);
        Assert.Contains(revoked.SigningKid, published);
        Assert.Equal(revoked.SigningKid, await SigningKidAsync());
        Assert.Equal(KeyState.Revoked, (await WithKeysAsync(k => k.TimelineAsync())).Single(k => k.Kid == kid).State);
        Assert.Contains(Logs.Events, e => e.Properties.TryGetValue("Actor", out var actor) && actor is ScalarValue { Value: Alice }
            && e.Properties.TryGetValue("KeyId", out var key) && key is ScalarValue { Value: string id } && id == kid);
    }

    [Fact]
    public async Task Revoking_an_unknown_or_already_revoked_key_says_so_and_changes_nothing()
    {
        var announced = await WithKeysAsync(k => k.RotateAsync(Alice));
        Assert.IsType<KeyRevoked>(await WithKeysAsync(k => k.RevokeAsync(announced.Kid, Alice)));
        var before = await WithKeysAsync(k => k.TimelineAsync());

        var again = await WithKeysAsync(k => k.RevokeAsync(announced.Kid, Alice));
        var unknown = await WithKeysAsync(k => k.RevokeAsync("no-such-kid", Alice));
        var encryption = await WithKeysAsync(k => k.RevokeAsync(EncryptionKeyId(), Alice));

        Assert.Equal(before.Single(k => k.Kid == announced.Kid).RevokedUtc, Assert.IsType<KeyAlreadyRevoked>(again).RevokedUtc);
        Assert.IsType<KeyNotFound>(unknown);
        Assert.IsType<KeyNotFound>(encryption);
        Assert.Equal(before, await WithKeysAsync(k => k.TimelineAsync()));
    }

    private string EncryptionKeyId()
    {
        using var scope = Server.Services.CreateScope();
        return scope.ServiceProvider.GetRequiredService<AuthDbContext>().Keys.AsNoTracking().First(k => k.Use == KeyUse.Encryption).Id;
    }

    private async Task<T> WithKeysAsync<T>(Func<KeyAdministration, Task<T>> action)
    {
        await using var scope = Server.Services.CreateAsyncScope();
        return await action(scope.ServiceProvider.GetRequiredService<KeyAdministration>());
    }

    private async Task<string> SigningKidAsync() => new JsonWebToken((await Tokens.ClientCredentialsAsync()).AccessToken).Kid;

    private async Task<List<string>> PublishedKidsAsync() =>
        [.. JsonDocument.Parse(await Tokens.Http.GetStringAsync("/.well-known/jwks")).RootElement.GetProperty("keys")
            .EnumerateArray().Select(k => k.GetProperty("kid").GetString()!)];
}
