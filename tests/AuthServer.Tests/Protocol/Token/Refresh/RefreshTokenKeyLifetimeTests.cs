using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using AuthServer.Keys;
using AuthServer.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace AuthServer.Tests.Protocol.Token.Refresh;

/// <summary>A refresh token lives its whole lifetime (14 days) whatever happens to the key that signed it.</summary>
public sealed class RefreshTokenKeyLifetimeTests : ExchangeTest
{
    [Fact]
    public async Task Refresh_token_is_redeemable_after_its_signing_key_left_the_jwks()
    {
        var first = await ExchangeAsync(await LogInAsync(Bubble.Url));
        var oldKid = new JsonWebToken(first.AccessToken).Kid;
        var newKey = await WithKeysAsync(keys => keys.RotateAsync(activateNow: true, "test"));

        Clock.Advance(TimeSpan.FromDays(3)); // past RetentionTime (2 days), within RefreshTokenLifetime (14 days)
        await WithKeysAsync(keys => keys.MaintainAsync());

        Assert.DoesNotContain(oldKid, await PublishedKidsAsync());
        var refreshed = await RefreshAsync(first["refresh_token"]!);
        Assert.Equal(200, refreshed.Status);
        Assert.Equal(newKey.Id, new JsonWebToken(refreshed.AccessToken).Kid);
    }

    [Fact]
    public async Task Signing_key_row_stays_out_of_the_jwks_until_the_refresh_token_lifetime_then_is_deleted()
    {
        var oldKid = new JsonWebToken((await ExchangeAsync(await LogInAsync(Bubble.Url))).AccessToken).Kid;
        await WithKeysAsync(keys => keys.RotateAsync(activateNow: true, "test"));

        Clock.Advance(TimeSpan.FromDays(13));
        await WithKeysAsync(keys => keys.MaintainAsync());
        var kept = (await WithKeysAsync(keys => keys.ListAsync())).SingleOrDefault(s => s.Key.Id == oldKid);

        Clock.Advance(TimeSpan.FromDays(1.5));
        await WithKeysAsync(keys => keys.MaintainAsync());
        var afterLifetime = await WithKeysAsync(keys => keys.ListAsync());

        Assert.Equal(KeyState.Expired, kept?.State);
        Assert.DoesNotContain(oldKid, await PublishedKidsAsync());
        Assert.DoesNotContain(afterLifetime, s => s.Key.Id == oldKid);
    }

    [Fact]
    public async Task After_keys_revoke_refresh_tokens_still_redeem_but_the_keys_access_tokens_are_inactive()
    {
        var first = await ExchangeAsync(await LogInAsync(Bubble.Url));
        var revokedKid = new JsonWebToken(first.AccessToken).Kid;

        Assert.True(await WithKeysAsync(keys => keys.RevokeAsync(revokedKid, "test")));

        Assert.DoesNotContain(revokedKid, await PublishedKidsAsync());
        Assert.False((await IntrospectAsync(first.AccessToken)).GetProperty("active").GetBoolean());
        var refreshed = await RefreshAsync(first["refresh_token"]!);
        Assert.Equal(200, refreshed.Status);
        Assert.NotEqual(revokedKid, new JsonWebToken(refreshed.AccessToken).Kid);
    }

    [Fact]
    public async Task A_revoked_key_validates_only_encrypted_refresh_tokens()
    {
        var first = await ExchangeAsync(await LogInAsync(Bubble.Url));
        var revokedKid = new JsonWebToken(first.AccessToken).Kid;
        // What someone holding only the signing key can produce: the same refresh token, signed but not encrypted.
        var signedOnly = DecryptedInnerToken(first["refresh_token"]!);
        Assert.Equal(revokedKid, new JsonWebToken(signedOnly).Kid);

        await WithKeysAsync(keys => keys.RevokeAsync(revokedKid, "test"));

        OAuthAssert.Error(await RefreshAsync(signedOnly), 400, "invalid_grant");
        Assert.Equal(200, (await RefreshAsync(first["refresh_token"]!)).Status);
    }

    private string DecryptedInnerToken(string refreshToken)
    {
        var handler = new JsonWebTokenHandler();
        var encryption = Server.Services.GetRequiredService<KeyRing>().Current.Encryption.Select(c => c.Key);
        return handler.DecryptToken(handler.ReadJsonWebToken(refreshToken), new TokenValidationParameters { TokenDecryptionKeys = encryption });
    }

    private async Task<T> WithKeysAsync<T>(Func<KeyManager, Task<T>> action)
    {
        await using var scope = Server.Services.CreateAsyncScope();
        return await action(scope.ServiceProvider.GetRequiredService<KeyManager>());
    }

    private async Task WithKeysAsync(Func<KeyManager, Task> action) =>
        await WithKeysAsync(async keys => { await action(keys); return true; });

    private async Task<List<string>> PublishedKidsAsync() =>
        [.. JsonDocument.Parse(await Tokens.Http.GetStringAsync("/.well-known/jwks")).RootElement.GetProperty("keys")
            .EnumerateArray().Select(k => k.GetProperty("kid").GetString()!)];

    private async Task<JsonElement> IntrospectAsync(string token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/connect/introspect")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["token"] = token }),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic",
            Convert.ToBase64String(Encoding.UTF8.GetBytes($"{BubbleClient}:{BubbleSecret}")));
        var response = await Tokens.Http.SendAsync(request);
        Assert.Equal(200, (int)response.StatusCode);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
    }
}
