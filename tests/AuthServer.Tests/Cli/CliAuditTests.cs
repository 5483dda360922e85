using AuthServer.Tests.Infrastructure;

namespace AuthServer.Tests.Cli;

/// <summary>
/// Changes made with the CLI leave the same audit events as the server's (stable ids, no secret), on
/// standard error, while standard output stays the command's answer.
/// </summary>
public sealed class CliAuditTests : ServerTest
{
    [Fact]
    public async Task Adding_and_removing_a_client_and_rotating_a_key_with_the_cli_are_audit_logged_without_the_secret()
    {
        var audit = new LogCapture();

        var added = await CliRunner.RunAsync(DatabaseFile, Server.Url,
            "clients add --client-id robot --grant client_credentials --scope sample-api.read --secret robot-secret-123456", logs: audit);
        var rotated = await CliRunner.RunAsync(DatabaseFile, Server.Url, "keys rotate", logs: audit);
        var removed = await CliRunner.RunAsync(DatabaseFile, Server.Url, "clients remove robot", logs: audit);

        Assert.All(new[] { added, rotated, removed }, r => Assert.Equal(0, r.ExitCode));
        Assert.True(audit.HasEvent(1001), "client added (1001) was not logged");
        Assert.True(audit.HasEvent(4001), "key created (4001) was not logged");
        Assert.True(audit.HasEvent(1003), "client removed (1003) was not logged");
        Assert.False(audit.HasEvent(5001), "a change was logged twice: its own event and the generic audit line 5001");
        Assert.DoesNotContain("robot-secret-123456", audit.AllText);
        Assert.DoesNotContain("Client robot created", added.Out); // the audit line is not part of the answer on stdout
    }
}
