using AuthServer.Tests.Infrastructure;

namespace AuthServer.Tests.Clients;

/// <summary>Definitions that are valid but promise something the server never does: warned about, not refused.</summary>
public sealed class ClientWarningTests : ServerTest
{
    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Clients:1:ClientId"] = "robot-with-refresh",
        ["Clients:1:ClientSecret"] = "robot-with-refresh-secret-0123456789",
        ["Clients:1:GrantTypes:0"] = "client_credentials",
        ["Clients:1:GrantTypes:1"] = "refresh_token",
        ["Clients:1:Scopes:0"] = "sample-api.read",
        ["Clients:1:Scopes:1"] = "offline_access",
    };

    [Fact]
    public void A_configured_client_credentials_client_with_offline_access_is_warned_about_at_start()
    {
        Assert.True(Logs.HasEvent(1010), "the warning (1010) was not logged: " + Logs.AllText);
        Assert.Contains("robot-with-refresh", Logs.AllText);
    }

    [Fact]
    public async Task Cli_warns_on_stderr_about_a_client_credentials_client_with_offline_access_and_exits_0()
    {
        var result = await CliRunner.RunAsync(DatabaseFile, Server.Url,
            "clients add --client-id robot2 --grant client_credentials --grant refresh_token --scope sample-api.read --scope offline_access");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("RFC 6749", result.Error);
        Assert.Contains("added", result.Out);
    }

    [Fact]
    public async Task Cli_prints_no_warning_for_a_plain_client_credentials_client()
    {
        var result = await CliRunner.RunAsync(DatabaseFile, Server.Url,
            "clients add --client-id robot3 --grant client_credentials --scope sample-api.read");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("", result.Error);
    }
}
