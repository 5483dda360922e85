using System.Text.Json;
using AuthServer.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using AuthServer.Administration.Admins;
using AuthServer.Administration.Audit;
using AuthServer.Operations.Logging;

namespace AuthServer.Tests.Cli;

/// <summary><c>admins add | remove | list</c>: passwords only from standard input, each change audited as <c>cli</c>.</summary>
public sealed class AdminCliTests : ServerTest
{
    private const string Password = "correct horse battery staple";

    private Task<CliResult> RunAsync(string commandLine, string input = "") =>
        CliRunner.RunAsync(DatabaseFile, Server.Url, commandLine, input, Logs);

    [Fact]
    public async Task Admins_add_reads_the_password_from_standard_input_and_the_admin_can_sign_in_with_it()
    {
        var added = await RunAsync("admins add Alice", Password + "\n");

        Assert.Equal(0, added.ExitCode);
        Assert.Contains("Admin 'alice' added", added.Out);
        Assert.IsType<SignInOutcome.Succeeded>(await SignInAsync("alice", Password));
        Assert.IsType<SignInOutcome.Failed>(await SignInAsync("alice", "correct horse battery stapler"));
        Assert.DoesNotContain(Password, added.Out + added.Error + Logs.AllText);
        Assert.DoesNotContain(Password, await TestStore.DumpAsync(DatabaseFile));
    }

    [Theory]
    [InlineData("admins add alice correct-horse-battery-staple")]
    [InlineData("admins add alice --password correct-horse-battery-staple")]
    [InlineData("admins add alice --password=correct-horse-battery-staple")]
    public async Task Admins_add_refuses_a_password_given_on_the_command_line_without_repeating_it(string commandLine)
    {
        var result = await RunAsync(commandLine, Password + "\n");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("no password on the command line", result.Error);
        Assert.Single(result.Error.Trim().Split('\n'));
        Assert.DoesNotContain("correct-horse-battery-staple", result.Out + result.Error);
        Assert.DoesNotContain("alice", (await RunAsync("admins list")).Out);
    }

    [Theory]
    [InlineData("short-pass\n", "at least 12 characters")]
    [InlineData("", "No password on standard input")]
    public async Task Admins_add_refuses_a_short_or_missing_password_with_one_line(string input, string said)
    {
        var result = await RunAsync("admins add alice", input);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains(said, result.Error);
        Assert.Single(result.Error.Trim().Split('\n'));
        Assert.DoesNotContain("alice", (await RunAsync("admins list")).Out);
    }

    [Theory]
    [InlineData("admins add <script>", "An admin name")]
    [InlineData("admins remove nobody", "Unknown admin 'nobody'")]
    public async Task Bad_admin_commands_exit_1_with_one_line(string commandLine, string said)
    {
        var result = await RunAsync(commandLine, Password + "\n");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains(said, result.Error);
        Assert.Single(result.Error.Trim().Split('\n'));
    }

    [Fact]
    public async Task Admins_add_twice_with_one_name_is_refused()
    {
        await RunAsync("admins add alice", Password + "\n");

        var again = await RunAsync("admins add ALICE", "another long password\n");

        Assert.Equal(1, again.ExitCode);
        Assert.Contains("already exists", again.Error);
        Assert.IsType<SignInOutcome.Succeeded>(await SignInAsync("alice", Password));
    }

    [Fact]
    public async Task Admins_remove_deletes_the_account_so_it_can_no_longer_sign_in()
    {
        await RunAsync("admins add alice", Password + "\n");

        var removed = await RunAsync("admins remove alice");

        Assert.Equal(0, removed.ExitCode);
        Assert.IsType<SignInOutcome.Failed>(await SignInAsync("alice", Password));
        Assert.DoesNotContain("alice", (await RunAsync("admins list")).Out);
    }

    [Fact]
    public async Task Admins_list_shows_each_admin_with_creation_date_and_lockout_as_a_table_and_as_json()
    {
        await RunAsync("admins add alice", Password + "\n");
        await RunAsync("admins add bob", Password + "\n");
        for (var i = 0; i < 5; i++)
        {
            await SignInAsync("bob", "not the password at all"); // the default lockout threshold is 5
        }

        var table = await RunAsync("admins list");
        var json = JsonDocument.Parse((await RunAsync("admins list --json")).Out).RootElement;

        Assert.Equal(0, table.ExitCode);
        var lines = table.Out.Trim().Split('\n');
        Assert.StartsWith("NAME", lines[0]);
        Assert.Matches(@"^alice\s+\d{4}-\d\d-\d\d \d\d:\d\d:\d\dZ\s+no$", lines[2].Trim());
        Assert.Matches(@"^bob\s+\d{4}-\d\d-\d\d \d\d:\d\d:\d\dZ\s+until \d{4}-", lines[3].Trim());
        Assert.Equal(["alice", "bob"], json.EnumerateArray().Select(a => a.GetProperty("name").GetString()));
        Assert.Equal(JsonValueKind.Null, json[0].GetProperty("locked_until_utc").ValueKind);
        Assert.Equal(JsonValueKind.String, json[1].GetProperty("locked_until_utc").ValueKind);
    }

    [Fact]
    public async Task Each_admin_change_is_an_audit_event_by_the_cli_with_no_password()
    {
        await RunAsync("admins add alice", Password + "\n");
        await RunAsync("admins remove alice");

        var events = (await RecentAuditAsync()).Events;

        Assert.Equal([AuditActions.AdminRemoved, AuditActions.AdminAdded], events.Select(e => e.Action));
        Assert.All(events, e => Assert.Equal(ChangeActors.Cli, e.Actor));
        Assert.All(events, e => Assert.Equal("alice", e.Detail));
        Assert.True(Logs.HasEvent(5001));
        Assert.DoesNotContain(Password, Logs.AllText);
    }

    private async Task<SignInOutcome> SignInAsync(string name, string password)
    {
        await using var scope = Server.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<AdminSignIn>().SignInAsync(name, password);
    }

    private async Task<AuditPage> RecentAuditAsync()
    {
        await using var scope = Server.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<AdminAudit>().RecentAsync(1, 50);
    }
}
