using AuthServer.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using OpenIddict.Abstractions;
using static OpenIddict.Abstractions.OpenIddictConstants;
using AuthServer.Tests.Options;

namespace AuthServer.Tests.Protocol.Token;

/// <summary>
/// Configuration refuses a token_exchange or refresh_token client without a secret (see
/// ConfigurationValidationTests); a public client already in the store, from before that rule, is
/// refused at the token endpoint as well.
/// </summary>
public sealed class PublicClientRefusalTests : ExchangeTest
{
    private const string Legacy = "legacy-public-app";

    [Fact]
    public async Task A_stored_public_client_may_not_exchange_a_bubble_token()
    {
        await StorePublicClientAsync(Legacy);

        var response = await Tokens.PostAsync(new Dictionary<string, string>
        {
            ["grant_type"] = GrantTypes.TokenExchange,
            ["subject_token"] = await LogInAsync(Bubble.Url),
            ["subject_token_type"] = "urn:bubble:token-type:user",
        }, Legacy, secret: null, basic: false);

        OAuthAssert.Error(response, 400, "unauthorized_client");
        Assert.Equal(0, WhoAmICalls()); // refused before the Bubble app is asked
    }

    [Fact]
    public async Task A_client_turned_public_may_not_redeem_its_refresh_token()
    {
        var refresh = (await ExchangeAsync(await LogInAsync(Bubble.Url)))["refresh_token"]!;
        await using (var scope = Server.Services.CreateAsyncScope())
        {
            var applications = scope.ServiceProvider.GetRequiredService<IOpenIddictApplicationManager>();
            var app = (await applications.FindByClientIdAsync(BubbleClient))!;
            var descriptor = new OpenIddictApplicationDescriptor();
            await applications.PopulateAsync(descriptor, app);
            descriptor.ClientType = ClientTypes.Public;
            descriptor.ClientSecret = null;
            await applications.UpdateAsync(app, descriptor);
        }

        var response = await Tokens.PostAsync(new Dictionary<string, string>
        {
            ["grant_type"] = GrantTypes.RefreshToken,
            ["refresh_token"] = refresh,
        }, BubbleClient, secret: null, basic: false);

        OAuthAssert.Error(response, 400, "unauthorized_client");
    }
}
