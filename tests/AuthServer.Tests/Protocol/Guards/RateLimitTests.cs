using AuthServer.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using AuthServer.Protocol.Guards;

namespace AuthServer.Tests.Protocol.Guards;

public sealed class RateLimitTests : ServerTest
{
    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["RateLimits:RequestsPerMinute"] = "5",
        ["RateLimits:FailedAuthenticationsBeforeLockout"] = "3",
        ["Clients:1:ClientId"] = "neighbour",
        ["Clients:1:ClientSecret"] = "neighbour-secret-0123456789",
        ["Clients:1:GrantTypes:0"] = "client_credentials",
        ["Clients:1:Scopes:0"] = "sample-api.read",
    };

    [Fact]
    public async Task A_client_over_its_request_limit_gets_429_with_retry_after_and_others_are_unaffected()
    {
        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(200, (await Tokens.ClientCredentialsAsync()).Status);
        }

        var refused = await Tokens.ClientCredentialsAsync();

        OAuthAssert.Error(refused, 429, "temporarily_unavailable");
        Assert.True(refused.Response.Headers.RetryAfter?.Delta > TimeSpan.Zero);
        Assert.Equal(200, (await Tokens.ClientCredentialsAsync("neighbour", "neighbour-secret-0123456789")).Status);
        Assert.True(Logs.HasEvent(1006));
    }

    [Fact]
    public async Task Repeated_wrong_secrets_lock_the_client_id_even_for_the_right_secret()
    {
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(401, (await Tokens.ClientCredentialsAsync(secret: $"guess-{i}")).Status);
        }

        OAuthAssert.Error(await Tokens.ClientCredentialsAsync(), 429, "temporarily_unavailable");
        Assert.Equal(200, (await Tokens.ClientCredentialsAsync("neighbour", "neighbour-secret-0123456789")).Status);
    }

    [Fact]
    public async Task Failed_authentications_of_unknown_client_ids_are_not_tracked_and_a_known_client_still_locks_out()
    {
        // Unknown ids share one bucket: with this class's 5 a minute, most of the 200 would be refused before authentication.
        var settings = new Dictionary<string, string?>(Settings) { ["RateLimits:RequestsPerMinute"] = "1000" };
        await using var node = await AuthServerInstance.StartAsync(Directory.File("generous.db"), Logs, settings);
        using var tokens = new TokenClient(node.Url);
        var limiter = node.Services.GetRequiredService<ClientLimiter>();
        for (var i = 0; i < 200; i++)
        {
            Assert.Equal(401, (await tokens.ClientCredentialsAsync(clientId: Guid.NewGuid().ToString("N"), secret: "guess")).Status);
        }

        Assert.Equal(0, limiter.TrackedFailureWindows);

        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(401, (await tokens.ClientCredentialsAsync(secret: $"guess-{i}")).Status);
        }

        OAuthAssert.Error(await tokens.ClientCredentialsAsync(), 429, "temporarily_unavailable");
        Assert.Equal(1, limiter.TrackedFailureWindows);
    }

    // Issue 19, item 5: a bucket per id sent let anyone grow the limiter's memory with made-up ids.
    [Fact]
    public async Task Unknown_client_ids_share_one_bucket_and_a_known_client_keeps_its_own()
    {
        var limiter = Server.Services.GetRequiredService<ClientLimiter>();
        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(401, (await Tokens.ClientCredentialsAsync(clientId: Guid.NewGuid().ToString("N"), secret: "guess")).Status);
        }

        OAuthAssert.Error(await Tokens.ClientCredentialsAsync(clientId: Guid.NewGuid().ToString("N"), secret: "guess"),
            429, "temporarily_unavailable");
        Assert.Equal(200, (await Tokens.ClientCredentialsAsync()).Status);
        Assert.Equal(2, limiter.RequestPartitionsCreated); // the shared one and the known client's
    }

    [Fact]
    public async Task Thousands_of_random_client_ids_create_no_bucket_of_their_own()
    {
        var limiter = Server.Services.GetRequiredService<ClientLimiter>();
        for (var i = 0; i < 300; i++)
        {
            var response = await Tokens.ClientCredentialsAsync(clientId: Guid.NewGuid().ToString("N"), secret: "guess", basic: i % 2 == 0);
            Assert.Contains(response.Status, new[] { 401, 429 });
        }

        Assert.Equal(1, limiter.RequestPartitionsCreated);
        Assert.Equal(0, limiter.TrackedFailureWindows);
    }

    [Fact]
    public async Task A_client_id_longer_than_any_client_can_have_is_invalid_client_without_a_bucket()
    {
        var limiter = Server.Services.GetRequiredService<ClientLimiter>();
        var tooLong = new string('c', AuthServer.Clients.ClientRules.MaxClientIdLength + 1);

        OAuthAssert.Error(await Tokens.ClientCredentialsAsync(clientId: tooLong, secret: "guess", basic: false), 401, "invalid_client");
        OAuthAssert.Error(await Tokens.ClientCredentialsAsync(clientId: new string('c', 60_000), secret: "guess", basic: false),
            401, "invalid_client");

        Assert.Equal(0, limiter.RequestPartitionsCreated);
    }
}

public sealed class RateLimitsDisabledTests : ServerTest
{
    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["RateLimits:Enabled"] = "false",
        ["RateLimits:RequestsPerMinute"] = "1",
        ["RateLimits:FailedAuthenticationsBeforeLockout"] = "1",
    };

    [Fact]
    public async Task With_rate_limits_disabled_nothing_is_throttled()
    {
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(401, (await Tokens.ClientCredentialsAsync(secret: "wrong")).Status);
            Assert.Equal(200, (await Tokens.ClientCredentialsAsync()).Status);
        }
    }
}
