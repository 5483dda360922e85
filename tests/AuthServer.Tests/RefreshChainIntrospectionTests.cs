using AuthServer.Tests.Infrastructure;

namespace AuthServer.Tests;

/// <summary>Reading a token never changes it; revoking a refresh token revokes the access tokens of its grant.</summary>
public sealed class RefreshChainIntrospectionTests : ExchangeTest
{
    private const string ApiResource = "sample-api";
    private const string ApiResourceSecret = "sample-api-secret-0123456789";

    protected override IDictionary<string, string?> ExtraSettings => new Dictionary<string, string?>
    {
        ["Clients:5:ClientId"] = ApiResource,
        ["Clients:5:ClientSecret"] = ApiResourceSecret,
        ["Clients:5:GrantTypes:0"] = "client_credentials",
    };

    [Fact]
    public async Task Introspecting_a_rotated_refresh_token_after_the_leeway_leaves_the_chain_alive()
    {
        var first = await ExchangeAsync(await LogInAsync(Bubble.Url));
        var rotated = await RefreshAsync(first["refresh_token"]!);
        Clock.Advance(TimeSpan.FromSeconds(45));

        var byOwner = await Tokens.IntrospectAsync(first["refresh_token"]!, BubbleClient, BubbleSecret);
        var byApi = await Tokens.IntrospectAsync(first["refresh_token"]!, ApiResource, ApiResourceSecret);

        Assert.False(byOwner.GetProperty("active").GetBoolean());
        Assert.False(byApi.GetProperty("active").GetBoolean());
        Assert.True((await Tokens.IntrospectAsync(rotated.AccessToken, BubbleClient, BubbleSecret)).GetProperty("active").GetBoolean());
        Assert.Equal(200, (await RefreshAsync(rotated["refresh_token"]!)).Status);
        Assert.False(Logs.HasEvent(2002), "an introspection was logged as refresh token theft");
    }

    [Fact]
    public async Task Revoking_a_rotated_refresh_token_leaves_the_chain_alive()
    {
        var first = await ExchangeAsync(await LogInAsync(Bubble.Url));
        var rotated = await RefreshAsync(first["refresh_token"]!);
        Clock.Advance(TimeSpan.FromSeconds(45));

        Assert.Equal(200, (int)(await Tokens.RevokeAsync(first["refresh_token"]!, ApiResource, ApiResourceSecret)).StatusCode);

        Assert.Equal(200, (await RefreshAsync(rotated["refresh_token"]!)).Status);
    }

    [Fact]
    public async Task Revoking_a_refresh_token_also_deactivates_the_access_tokens_of_its_chain()
    {
        var first = await ExchangeAsync(await LogInAsync(Bubble.Url));
        var second = await RefreshAsync(first["refresh_token"]!);

        Assert.Equal(200, (int)(await Tokens.RevokeAsync(second["refresh_token"]!, BubbleClient, BubbleSecret)).StatusCode);

        foreach (var access in new[] { first.AccessToken, second.AccessToken })
        {
            Assert.False((await Tokens.IntrospectAsync(access, BubbleClient, BubbleSecret)).GetProperty("active").GetBoolean());
        }

        TokenEndpointErrorTests.AssertError(await RefreshAsync(second["refresh_token"]!), 400, "invalid_grant");
    }
}
