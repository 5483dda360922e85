using System.Text.Json;
using AuthServer.Tests.Infrastructure;
using Microsoft.IdentityModel.JsonWebTokens;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace AuthServer.Tests.Protocol.Token.Refresh;

/// <summary>Every refresh is decided against the client as it is now: its scopes, grants and Bubble app.</summary>
public sealed class RefreshPolicyTests : ExchangeTest
{
    private const string BothScopes = "sample-api.read other-api.read offline_access";

    protected override IDictionary<string, string?> ExtraSettings => new Dictionary<string, string?>
    {
        ["Scopes:2:Name"] = "other-api.read",
        ["Scopes:2:Resources:0"] = "other-api",
        ["Clients:1:Scopes:2"] = "other-api.read",
    };

    [Fact]
    public async Task Refresh_after_a_scope_is_taken_from_the_client_no_longer_grants_it_or_its_audience()
    {
        var first = await ExchangeAsync(await LogInAsync(Bubble.Url), BothScopes);
        Assert.Equal(["other-api", "sample-api"], new JsonWebToken(first.AccessToken).Audiences.Order());

        await StoredClients.UpdateAsync(Server.Services, BubbleClient,
            client => client.Permissions.Remove(Permissions.Prefixes.Scope + "other-api.read"));
        var refreshed = await RefreshAsync(first["refresh_token"]!);

        Assert.Equal(200, refreshed.Status);
        Assert.Equal("sample-api.read offline_access", refreshed["scope"]);
        Assert.Equal(["sample-api"], new JsonWebToken(refreshed.AccessToken).Audiences);
        var next = await RefreshAsync(refreshed["refresh_token"]!);
        Assert.Equal("sample-api.read offline_access", next["scope"]);
    }

    [Fact]
    public async Task Refresh_after_the_client_lost_offline_access_ends_the_chain()
    {
        var first = await ExchangeAsync(await LogInAsync(Bubble.Url));

        await StoredClients.UpdateAsync(Server.Services, BubbleClient,
            client => client.Permissions.Remove(Permissions.Prefixes.Scope + Scopes.OfflineAccess));
        var refreshed = await RefreshAsync(first["refresh_token"]!);

        Assert.Equal(200, refreshed.Status);
        Assert.Equal("sample-api.read", refreshed["scope"]);
        Assert.Null(refreshed["refresh_token"]);
    }

    [Fact]
    public async Task Refresh_after_the_client_lost_the_refresh_token_grant_is_refused()
    {
        var first = await ExchangeAsync(await LogInAsync(Bubble.Url));

        await StoredClients.UpdateAsync(Server.Services, BubbleClient,
            client => client.Permissions.Remove(Permissions.GrantTypes.RefreshToken));

        // RFC 6749 §5.2: a client no longer allowed the grant type is unauthorized_client.
        OAuthAssert.Error(await RefreshAsync(first["refresh_token"]!), 400, "unauthorized_client");
    }

    [Fact]
    public async Task Refresh_after_the_client_moved_to_another_bubble_app_is_invalid_grant()
    {
        var first = await ExchangeAsync(await LogInAsync(Bubble.Url));

        await StoredClients.UpdateAsync(Server.Services, BubbleClient,
            client => client.Properties["bubble_app_url"] = JsonSerializer.SerializeToElement(Bubble.VersionTestUrl));

        Assert.False(new JsonWebToken(first.AccessToken).TryGetPayloadValue<string>("bubble_app", out _), "the chain's app leaked into the JWT");
        OAuthAssert.Error(await RefreshAsync(first["refresh_token"]!), 400, "invalid_grant");
        Assert.True(Logs.HasEvent(2010), "the refused refresh (2010) was not logged");
    }

    [Fact]
    public async Task Refresh_with_a_narrower_scope_recomputes_the_audience_and_the_chain_keeps_its_scope()
    {
        var first = await ExchangeAsync(await LogInAsync(Bubble.Url), BothScopes);

        var narrowed = await RefreshAsync(first["refresh_token"]!, scope: "sample-api.read");

        Assert.Equal(200, narrowed.Status);
        Assert.Equal("sample-api.read", narrowed["scope"]);
        Assert.Equal(["sample-api"], new JsonWebToken(narrowed.AccessToken).Audiences);
        // RFC 6749 §6: the new refresh token keeps the scope of the one it replaces.
        var widenedBack = await RefreshAsync(narrowed["refresh_token"]!);
        Assert.Equal(["other-api", "sample-api"], new JsonWebToken(widenedBack.AccessToken).Audiences.Order());
    }

    [Fact]
    public async Task Refresh_never_widens_the_scope_even_to_one_the_client_has()
    {
        var first = await ExchangeAsync(await LogInAsync(Bubble.Url));

        var widened = await RefreshAsync(first["refresh_token"]!, scope: BothScopes);

        OAuthAssert.Error(widened, 400, "invalid_scope");
    }

    // The reference's promise (docs/reference.md, Errors): a description never quotes a scope, registered or not (issue 19, item 24).
    [Fact]
    public async Task Refresh_that_would_widen_the_scope_does_not_name_the_scope_in_its_description()
    {
        var first = await ExchangeAsync(await LogInAsync(Bubble.Url));

        var widened = await RefreshAsync(first["refresh_token"]!, scope: BothScopes);

        OAuthAssert.Error(widened, 400, "invalid_scope");
        Assert.DoesNotContain("other-api", widened["error_description"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Refresh_with_only_offline_access_is_invalid_scope_because_it_grants_no_audience()
    {
        var first = await ExchangeAsync(await LogInAsync(Bubble.Url));

        var response = await RefreshAsync(first["refresh_token"]!, scope: Scopes.OfflineAccess);

        OAuthAssert.Error(response, 400, "invalid_scope");
        Assert.Equal(200, (await RefreshAsync(first["refresh_token"]!)).Status);
    }
}
