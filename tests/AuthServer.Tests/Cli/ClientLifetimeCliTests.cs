using System.Text.Json;
using AuthServer.Tests.Infrastructure;
using AuthServer.Tests.Protocol.Token;

namespace AuthServer.Tests.Cli;

/// <summary><c>clients add --access-token-lifetime</c>: a stored client's own lifetime, at most the server's.</summary>
public sealed class ClientLifetimeCliTests : ServerTest
{
    private Task<CliResult> RunAsync(string commandLine) => CliRunner.RunAsync(DatabaseFile, Server.Url, commandLine);

    [Fact]
    public async Task A_client_added_with_five_minutes_gets_five_minute_tokens_and_lists_its_lifetime()
    {
        var added = await RunAsync("clients add --client-id robot --grant client_credentials --scope sample-api.read "
            + "--secret robot-secret-123456 --access-token-lifetime 00:05:00");
        Assert.Equal(0, added.ExitCode);

        var token = await Tokens.ClientCredentialsAsync("robot", "robot-secret-123456");

        Assert.Equal(200, token.Status);
        Assert.Equal(300, ClientAccessTokenLifetimeTests.Lifetime(token.AccessToken));
        var robot = JsonDocument.Parse((await RunAsync("clients list --json")).Out).RootElement.EnumerateArray()
            .Single(c => c.GetProperty("client_id").GetString() == "robot");
        Assert.Equal("00:05:00", robot.GetProperty("access_token_lifetime").GetString());
    }

    [Theory]
    [InlineData("01:00:01")]
    [InlineData("00:00:00")]
    public async Task A_lifetime_above_the_servers_or_not_positive_is_refused_naming_the_flag(string lifetime)
    {
        var result = await RunAsync("clients add --client-id robot --grant client_credentials --scope sample-api.read "
            + $"--access-token-lifetime {lifetime}");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("--access-token-lifetime", result.Error);
        Assert.Single(result.Error.Trim().Split('\n'));
        Assert.Equal(401, (await Tokens.ClientCredentialsAsync("robot", "anything")).Status);
    }
}
