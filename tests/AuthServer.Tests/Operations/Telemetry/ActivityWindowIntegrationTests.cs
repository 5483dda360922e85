using AuthServer.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using AuthServer.Operations.Telemetry;

namespace AuthServer.Tests.Operations.Telemetry;

/// <summary>The activity window is fed where the metrics are recorded: real grants and Bubble answers show up in it.</summary>
public sealed class ActivityWindowIntegrationTests : ExchangeTest
{
    protected override IDictionary<string, string?> ExtraSettings => new Dictionary<string, string?> { ["Bubble:Retries"] = "0" };

    [Fact]
    public async Task Real_grants_and_bubble_answers_show_up_in_the_last_hour_of_this_node()
    {
        var token = await LogInAsync(Bubble.Url);
        var exchanged = await ExchangeAsync(token);
        Assert.Equal(200, exchanged.Status);
        Assert.Equal(200, (await ExchangeAsync(token)).Status); // answered from the cache
        Assert.Equal(200, (await RefreshAsync(exchanged["refresh_token"]!)).Status);
        Assert.Equal(200, (await Tokens.ClientCredentialsAsync()).Status);
        Assert.Equal(400, (await ExchangeAsync("bus|1234567890123x000000000000000000|1234567890123x000000000000000001")).Status);
        Assert.Equal(503, (await ExchangeAsync(token, clientId: UnreachableClient, secret: BubbleSecret + 4)).Status);

        var snapshot = Server.Services.GetRequiredService<ActivityWindow>().Snapshot();

        Assert.Equal(new TokensIssued(TokenExchange: 2, RefreshToken: 1, ClientCredentials: 1, Other: 0), snapshot.Tokens);
        Assert.Equal(new BubbleAnswers(User: 1, Rejected: 1, Misconfigured: 0, Unavailable: 1, CacheHits: 1), snapshot.Bubble);
    }
}
