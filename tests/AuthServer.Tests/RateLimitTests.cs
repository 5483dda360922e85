using AuthServer.RateLimiting;
using AuthServer.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace AuthServer.Tests;

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

        TokenEndpointErrorTests.AssertError(refused, 429, "temporarily_unavailable");
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

        TokenEndpointErrorTests.AssertError(await Tokens.ClientCredentialsAsync(), 429, "temporarily_unavailable");
        Assert.Equal(200, (await Tokens.ClientCredentialsAsync("neighbour", "neighbour-secret-0123456789")).Status);
    }

    [Fact]
    public async Task Failed_authentications_of_unknown_client_ids_are_not_tracked_and_a_known_client_still_locks_out()
    {
        var limiter = Server.Services.GetRequiredService<ClientLimiter>();
        for (var i = 0; i < 200; i++)
        {
            Assert.Equal(401, (await Tokens.ClientCredentialsAsync(clientId: Guid.NewGuid().ToString("N"), secret: "guess")).Status);
        }

        Assert.Equal(0, limiter.TrackedFailureWindows);

        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(401, (await Tokens.ClientCredentialsAsync(secret: $"guess-{i}")).Status);
        }

        TokenEndpointErrorTests.AssertError(await Tokens.ClientCredentialsAsync(), 429, "temporarily_unavailable");
        Assert.Equal(1, limiter.TrackedFailureWindows);
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
