using Duende.IdentityModel.Client;
using AuthServer.Tests.Infrastructure;

namespace AuthServer.Tests.Protocol;

/// <summary>A standard OAuth 2.0 client library (Duende.IdentityModel) needs no special handling.</summary>
public sealed class StandardClientLibraryTests : ExchangeTest
{
    [Fact]
    public async Task Discovery_exchange_and_refresh_work_through_an_off_the_shelf_client()
    {
        using var http = new HttpClient();
        var discovery = await http.GetDiscoveryDocumentAsync(new DiscoveryDocumentRequest
        {
            Address = Server.Url,
            Policy = { RequireHttps = false },
        });
        Assert.False(discovery.IsError, discovery.Error);

        var exchanged = await http.RequestTokenExchangeTokenAsync(new TokenExchangeTokenRequest
        {
            Address = discovery.TokenEndpoint,
            ClientId = BubbleClient,
            ClientSecret = BubbleSecret,
            SubjectToken = await LogInAsync(Bubble.Url),
            SubjectTokenType = "urn:bubble:token-type:user",
            Scope = "sample-api.read offline_access",
        });
        Assert.False(exchanged.IsError, exchanged.Error);
        Assert.Equal("urn:ietf:params:oauth:token-type:access_token", exchanged.IssuedTokenType);

        var refreshed = await http.RequestRefreshTokenAsync(new RefreshTokenRequest
        {
            Address = discovery.TokenEndpoint,
            ClientId = BubbleClient,
            ClientSecret = BubbleSecret,
            RefreshToken = exchanged.RefreshToken!,
        });
        Assert.False(refreshed.IsError, refreshed.Error);
        Assert.Equal(200, (int)(await CallApiAsync("/me", refreshed.AccessToken)).StatusCode);

        var failed = await http.RequestTokenExchangeTokenAsync(new TokenExchangeTokenRequest
        {
            Address = discovery.TokenEndpoint,
            ClientId = BubbleClient,
            ClientSecret = BubbleSecret,
            SubjectToken = "bus|0000000000000x000000000000000000|0000000000000x000000000000000000",
            SubjectTokenType = "urn:bubble:token-type:user",
        });
        Assert.True(failed.IsError);
        Assert.Equal("invalid_request", failed.Error); // RFC 8693 §2.2.2
    }
}
