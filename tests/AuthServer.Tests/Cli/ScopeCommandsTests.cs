using System.Text.Json;
using AuthServer.Tests.Infrastructure;
using Microsoft.IdentityModel.JsonWebTokens;

namespace AuthServer.Tests.Cli;

/// <summary>
/// <c>scopes list | add | remove</c> against a running server's store: a scope added here is granted by the server
/// (its resources as <c>aud</c>); configured scopes and scopes in use stay; each change is audit-logged (1060, 1062).
/// </summary>
public sealed class ScopeCommandsTests : ServerTest
{
    private Task<CliResult> RunAsync(string commandLine, LogCapture? logs = null) =>
        CliRunner.RunAsync(DatabaseFile, Server.Url, commandLine, logs: logs);

    [Fact]
    public async Task A_scope_added_with_the_cli_is_granted_by_the_running_server_with_its_resources_as_audience()
    {
        var added = await RunAsync("scopes add inventory.read --resource inventory-api --resource https://inventory.example.com");
        var client = await RunAsync("clients add --client-id robot --grant client_credentials --scope inventory.read --secret robot-secret-0123456789");

        Assert.Equal(0, added.ExitCode);
        Assert.Equal(0, client.ExitCode);
        // Neither the scope nor the client was ever read by the server: no cache holds them, so no wait is needed
        // (a change to a scope already read shows within ScopeResourceCache.Lifetime, ScopeAdministrationTests).
        var token = await Tokens.ClientCredentialsAsync("robot", "robot-secret-0123456789", scope: "inventory.read");
        Assert.Equal(200, token.Status);
        Assert.Equal(["https://inventory.example.com", "inventory-api"], new JsonWebToken(token.AccessToken).Audiences.Order());
        Assert.Equal("inventory.read", token["scope"]);
    }

    [Fact]
    public async Task List_shows_configured_scopes_read_only_and_stored_ones_with_their_resources_and_clients()
    {
        await RunAsync("scopes add inventory.read --resource inventory-api");
        await RunAsync("clients add --client-id robot --grant client_credentials --scope inventory.read --scope sample-api.read");

        var table = await RunAsync("scopes list");
        var json = JsonDocument.Parse((await RunAsync("scopes list --json")).Out).RootElement.EnumerateArray().ToList();

        Assert.Equal(0, table.ExitCode);
        Assert.Contains("Scopes:0", table.Out);
        var configured = json.Single(s => s.GetProperty("name").GetString() == "sample-api.read");
        Assert.True(configured.GetProperty("configured").GetBoolean());
        Assert.Equal("in-memory settings / Scopes:0", configured.GetProperty("declared_in").GetString());
        Assert.Contains("robot", configured.GetProperty("clients").EnumerateArray().Select(c => c.GetString()));
        var stored = json.Single(s => s.GetProperty("name").GetString() == "inventory.read");
        Assert.False(stored.GetProperty("configured").GetBoolean());
        Assert.Equal(["inventory-api"], stored.GetProperty("resources").EnumerateArray().Select(r => r.GetString()));
        Assert.Equal(["robot"], stored.GetProperty("clients").EnumerateArray().Select(c => c.GetString()));
    }

    [Fact]
    public async Task Removing_a_scope_a_client_uses_is_refused_naming_the_client_and_allowed_once_no_client_does()
    {
        var audit = new LogCapture();
        await RunAsync("scopes add inventory.read --resource inventory-api", audit);
        await RunAsync("clients add --client-id robot --grant client_credentials --scope inventory.read");

        var refused = await RunAsync("scopes remove inventory.read", audit);
        await RunAsync("clients remove robot");
        var removed = await RunAsync("scopes remove inventory.read", audit);

        Assert.Equal(1, refused.ExitCode);
        Assert.Contains("'robot'", refused.Error);
        Assert.Single(refused.Error.Trim().Split('\n'));
        Assert.Equal(0, removed.ExitCode);
        Assert.DoesNotContain("inventory.read", (await RunAsync("scopes list")).Out);
        Assert.True(audit.HasEvent(1060), "scope created (1060) was not logged");
        Assert.True(audit.HasEvent(1062), "scope removed (1062) was not logged");
        // The refused removal changed nothing, so it logged nothing.
        Assert.Equal(1, audit.Events.Count(e => e.Properties.TryGetValue("EventId", out var id) && id.ToString().Contains("1062")));
        Assert.False(audit.HasEvent(5001), "a change was logged twice: its own event and the generic audit line 5001");
    }

    [Fact]
    public async Task A_client_asking_for_a_scope_added_later_is_refused_until_then_and_the_hint_names_the_cli()
    {
        var before = await RunAsync("clients add --client-id robot --grant client_credentials --scope inventory.read");

        Assert.Equal(1, before.ExitCode);
        Assert.Contains("scopes add NAME --resource RESOURCE", before.Error);
        Assert.Contains("Scopes:N:Name", before.Error);
    }

    [Theory]
    [InlineData("scopes add sample-api.read --resource other-api", 1, "Scopes:0")]          // configured: read-only
    [InlineData("scopes remove sample-api.read", 1, "Scopes:0")]
    [InlineData("scopes add sample-api.write --resource sample-api", 1, "already exists")] // stored by the server
    [InlineData("scopes add offline_access --resource sample-api", 1, "reserved")]
    [InlineData("scopes add openid --resource sample-api", 1, "reserved")]
    [InlineData("scopes add inventory.read --resource offline_access", 1, "reserved")]
    [InlineData("scopes add bad\"name --resource sample-api", 1, "printable ASCII")]
    [InlineData("scopes add bad\\name --resource sample-api", 1, "printable ASCII")]
    [InlineData("scopes add inventory.réad --resource sample-api", 1, "printable ASCII")]
    [InlineData("scopes add inventory.read --resource x --resource x", 1, "twice")]
    [InlineData("scopes add inventory.read --resource test-script", 1, "resource server")]   // a client's id as audience
    [InlineData("scopes add inventory.read", 2, "--resource")]
    [InlineData("scopes add --resource sample-api", 2, "Required argument")]
    [InlineData("scopes remove nope", 1, "Unknown scope")]
    [InlineData("scopes", 2, "Required command")]
    public async Task Bad_scope_commands_exit_non_zero_with_one_line_naming_the_problem(string commandLine, int exitCode, string mentioned)
    {
        var result = await RunAsync(commandLine);

        Assert.Equal(exitCode, result.ExitCode);
        Assert.Contains(mentioned, result.Error);
        Assert.Single(result.Error.Trim().Split('\n'));
    }

    [Fact]
    public async Task A_name_longer_than_the_store_holds_is_refused_before_the_store_is_asked()
    {
        var result = await RunAsync($"scopes add {new string('a', 201)} --resource sample-api");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("1 to 200", result.Error);
    }
}
