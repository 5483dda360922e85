using AuthServer.Hosting;
using AuthServer.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;

namespace AuthServer.Tests.Options;

public sealed class ConfigurationValidationTests
{
    [Theory]
    [InlineData("Clients:0:GrantTypes:0", "password", "Clients:0:GrantTypes:0")]
    [InlineData("Clients:0:GrantTypes:0", "token_exchange", "Clients:0:BubbleAppUrl")]
    [InlineData("Database:Provider", "Oracle", "Database:Provider")]
    [InlineData("Auth:Issuer", "", "Auth:Issuer")]
    [InlineData("Auth:SigningAlgorithm", "HS256", "Auth:SigningAlgorithm")]
    [InlineData("Clients:0:Scopes:0", "undeclared", "Clients:0:Scopes:0")]
    [InlineData("Bubble:CacheLifetime", "00:10:00", "Bubble:CacheLifetime")]
    [InlineData("Auth:KeyRotation:RetentionTime", "00:10:00", "Auth:KeyRotation:RetentionTime")]
    [InlineData("RateLimits:RequestsPerMinute", "0", "RateLimits:RequestsPerMinute")]
    [InlineData("Clients:0:BubbleClaims:0", "sub", "Clients:0:BubbleClaims:0")]
    [InlineData("Clients:0:BubbleClaims:0", "Sub", "Clients:0:BubbleClaims:0")]
    [InlineData("Clients:0:BubbleClaims:0", "Scope", "Clients:0:BubbleClaims:0")]
    [InlineData("Clients:0:BubbleClaims:0", "OI_X", "Clients:0:BubbleClaims:0")]
    [InlineData("Clients:0:BubbleClaims:0", "Bubble_App", "Clients:0:BubbleClaims:0")]
    [InlineData("Database:SqliteSynchronous", "OFF", "Database:SqliteSynchronous")]
    [InlineData("Maintenance:KeyRingRefreshInterval", "00:00:06", "Maintenance:KeyRingRefreshInterval")]
    public Task Bad_configuration_stops_the_start_with_a_message_naming_the_key(string key, string value, string named) =>
        AssertStartFailsNamingAsync(named, new Dictionary<string, string?> { [key] = value });

    [Theory]
    [InlineData("https://auth.example.com/tenant")]
    [InlineData("https://auth.example.com/tenant/")]
    public Task An_issuer_with_a_path_stops_the_start_naming_Auth_Issuer(string issuer) =>
        AssertStartFailsNamingAsync("Auth:Issuer", new Dictionary<string, string?> { ["Auth:Issuer"] = issuer });

    [Theory]
    [InlineData("token_exchange", "")]
    [InlineData("refresh_token", "")]
    [InlineData("token_exchange", "   ")]
    public Task A_token_exchange_or_refresh_token_client_without_a_secret_stops_the_start_naming_ClientSecret(string grant, string secret) =>
        AssertStartFailsNamingAsync("Clients:0:ClientSecret", new Dictionary<string, string?>
        {
            ["Clients:0:ClientSecret"] = secret,
            ["Clients:0:GrantTypes:0"] = grant,
            ["Clients:0:BubbleAppUrl"] = "https://app.bubbleapps.io",
        });

    [Fact]
    public Task Postgres_with_a_sqlite_connection_string_fails_naming_the_connection_string() =>
        AssertStartFailsNamingAsync("ConnectionStrings:AuthServer", new Dictionary<string, string?>
        {
            ["Database:Provider"] = "Postgres",
            ["ConnectionStrings:AuthServer"] = "Data Source=authserver.db",
        });

    [Theory]
    [InlineData("https://user:pw@auth.example.com")]
    [InlineData("https://user@auth.example.com")]
    [InlineData("https://@auth.example.com")]
    [InlineData("https://auth.example.com?tenant=1")]
    [InlineData("https://auth.example.com/?")]
    [InlineData("https://auth.example.com#top")]
    [InlineData("https://auth.example.com/#")]
    public async Task An_issuer_with_user_info_a_query_or_a_fragment_stops_the_start_naming_Auth_Issuer(string issuer)
    {
        var message = await AssertStartFailsNamingAsync("Auth:Issuer", new Dictionary<string, string?> { ["Auth:Issuer"] = issuer });

        Assert.DoesNotContain("pw", message); // the credentials are not repeated into the log
    }

    internal static async Task<string> AssertStartFailsNamingAsync(string named, Dictionary<string, string?> overrides)
    {
        using var directory = new TestDirectory();
        var app = AuthServerHost.Build(
            new WebApplicationOptions { EnvironmentName = "Production", ContentRootPath = directory.Path },
            builder =>
            {
                builder.WebHost.UseUrls($"http://127.0.0.1:{Ports.Free()}");
                var settings = new Dictionary<string, string?>(TestStore.Settings(directory.File("a.db")))
                {
                    ["Auth:Issuer"] = "https://auth.example.com",
                    ["Scopes:0:Name"] = "api",
                    ["Clients:0:ClientId"] = "c",
                    ["Clients:0:ClientSecret"] = "s",
                    ["Clients:0:GrantTypes:0"] = "client_credentials",
                    ["Clients:0:Scopes:0"] = "api",
                };
                foreach (var (key, value) in overrides) settings[key] = value;
                builder.Configuration.AddInMemoryCollection(settings);
            });

        var failure = await Record.ExceptionAsync(() => app.StartAsync());
        await app.DisposeAsync();

        Assert.NotNull(failure);
        var message = StartupFailure.Describe(failure);
        Assert.Contains(named, message);
        Assert.DoesNotContain('\n', message);
        Assert.False(await TestStore.ExistsAsync(directory.File("a.db")), "the store must not be touched by a server that refuses to start");
        return message;
    }
}
