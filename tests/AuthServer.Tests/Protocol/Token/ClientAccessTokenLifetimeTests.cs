using System.Globalization;
using AuthServer.Clients;
using AuthServer.Options;
using AuthServer.Tests.Infrastructure;
using AuthServer.Tests.Options;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using OpenIddict.Abstractions;

namespace AuthServer.Tests.Protocol.Token;

/// <summary><c>Clients:N:AccessTokenLifetime</c> for client_credentials, and the maximum it may not exceed.</summary>
public sealed class ClientAccessTokenLifetimeTests : InProcessServerTest
{
    private const string ShortLived = "short-lived-script";
    private const string ShortLivedSecret = "short-lived-script-secret-0123";

    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Clients:1:ClientId"] = ShortLived,
        ["Clients:1:ClientSecret"] = ShortLivedSecret,
        ["Clients:1:GrantTypes:0"] = "client_credentials",
        ["Clients:1:Scopes:0"] = "sample-api.read",
        ["Clients:1:AccessTokenLifetime"] = "00:05:00",
    };

    [Fact]
    public async Task A_client_with_five_minutes_gets_tokens_that_live_five_minutes()
    {
        var response = await Tokens.ClientCredentialsAsync(ShortLived, ShortLivedSecret);

        Assert.Equal(200, response.Status);
        Assert.Equal(300, Lifetime(response.AccessToken));
        Assert.InRange(int.Parse(response["expires_in"]!, CultureInfo.InvariantCulture), 295, 300);
    }

    [Fact]
    public async Task Another_client_keeps_the_servers_lifetime()
    {
        var response = await Tokens.ClientCredentialsAsync();

        Assert.Equal(3600, Lifetime(response.AccessToken));
    }

    [Fact]
    public async Task A_stored_lifetime_above_a_since_lowered_maximum_is_cut_to_the_maximum()
    {
        // What a store keeps from before Auth:AccessTokenLifetime was lowered: written past the rules, which refuse it now.
        await using (var scope = Server.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<IOpenIddictApplicationManager>().CreateAsync(ClientDescriptorFactory.Create(
                new ClientDefinition
                {
                    ClientId = "long-lived-script", ClientSecret = "long-lived-script-secret-0123",
                    GrantTypes = ["client_credentials"], Scopes = ["sample-api.read"], AccessTokenLifetime = TimeSpan.FromHours(5),
                }));
        }

        var response = await Tokens.ClientCredentialsAsync("long-lived-script", "long-lived-script-secret-0123");

        Assert.Equal(200, response.Status);
        Assert.Equal(3600, Lifetime(response.AccessToken));
    }

    [Theory]
    [InlineData("01:00:01")]
    [InlineData("1.00:00:00")]
    [InlineData("00:00:00")]
    [InlineData("-00:05:00")]
    public Task A_lifetime_above_the_maximum_or_not_positive_stops_the_start_naming_the_key(string lifetime) =>
        ConfigurationValidationTests.AssertStartFailsNamingAsync("Clients:0:AccessTokenLifetime",
            new Dictionary<string, string?> { ["Clients:0:AccessTokenLifetime"] = lifetime });

    [Fact]
    public async Task The_maximum_is_the_configured_server_lifetime_not_its_default()
    {
        var message = await ConfigurationValidationTests.AssertStartFailsNamingAsync("Clients:0:AccessTokenLifetime",
            new Dictionary<string, string?> { ["Auth:AccessTokenLifetime"] = "00:10:00", ["Clients:0:AccessTokenLifetime"] = "00:15:00" });

        Assert.Contains("Auth:AccessTokenLifetime (00:10:00)", message);
    }

    internal static long Lifetime(string accessToken)
    {
        var jwt = new JsonWebToken(accessToken);
        return jwt.GetPayloadValue<long>("exp") - jwt.GetPayloadValue<long>("iat");
    }
}

/// <summary>The same per-client lifetime for a token exchange and every refresh of its chain.</summary>
public sealed class ClientAccessTokenLifetimeExchangeTests : ExchangeTest
{
    protected override IDictionary<string, string?> ExtraSettings => new Dictionary<string, string?>
    {
        ["Clients:1:AccessTokenLifetime"] = "00:05:00",
    };

    [Fact]
    public async Task An_exchange_and_each_refresh_of_its_chain_keep_the_clients_lifetime()
    {
        var exchanged = await ExchangeAsync(await LogInAsync(Bubble.Url));
        Assert.Equal(200, exchanged.Status);
        Assert.Equal(300, ClientAccessTokenLifetimeTests.Lifetime(exchanged.AccessToken));

        var token = exchanged["refresh_token"]!;
        for (var i = 0; i < 2; i++)
        {
            Clock.Advance(TimeSpan.FromMinutes(10));
            var refreshed = await RefreshAsync(token);
            Assert.Equal(200, refreshed.Status);
            Assert.Equal(300, ClientAccessTokenLifetimeTests.Lifetime(refreshed.AccessToken));
            Assert.InRange(int.Parse(refreshed["expires_in"]!, CultureInfo.InvariantCulture), 295, 300);
            token = refreshed["refresh_token"]!;
        }
    }

    [Fact]
    public async Task A_client_without_its_own_lifetime_exchanges_for_the_servers()
    {
        Bubble.Simulator.VersionTest.AddUser("tester@example.com", UserPassword);

        var exchanged = await ExchangeAsync(await LogInAsync(Bubble.VersionTestUrl, "tester@example.com"),
            clientId: TestVersionClient, secret: BubbleSecret + 2);

        Assert.Equal(200, exchanged.Status);
        Assert.Equal(3600, ClientAccessTokenLifetimeTests.Lifetime(exchanged.AccessToken));
    }
}
