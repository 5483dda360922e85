using System.Diagnostics;
using AuthServer.Tests.Infrastructure;

namespace AuthServer.Tests.Cli;

/// <summary>
/// The audit line the CLI prints is plain text on a terminal too, as docs/operators.md says (Logs): no colour codes for a
/// terminal that copies them into a ticket or a script that reads them. Run under a pseudo-terminal
/// (util-linux <c>script</c>), where a themed console sink would colour it.
/// </summary>
public sealed class CliTerminalOutputTests
{
    [Fact]
    public async Task The_cli_audit_line_on_a_terminal_has_no_colour_codes()
    {
        using var directory = new TestDirectory();
        var dll = Quoted(Path.Combine(AppContext.BaseDirectory, "AuthServer.dll"));
        var cli = $"dotnet {dll} migrate && dotnet {dll} keys rotate";
        var start = new ProcessStartInfo("script", ["--quiet", "--return", "--command", cli, "/dev/null"])
        {
            WorkingDirectory = directory.Path, RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true,
        };
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        foreach (var (key, value) in TestStore.Settings(directory.File("a.db")))
        {
            start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        using var process = Process.Start(start)!;
        process.StandardInput.Close();
        var output = await process.StandardOutput.ReadToEndAsync() + await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync(new CancellationTokenSource(TimeSpan.FromMinutes(1)).Token);

        Assert.Equal(0, process.ExitCode);
        Assert.Matches(@"Created \w+ key", output); // the audit line (4001) reached the terminal
        // .NET itself sends the terminal its keypad mode (ESC [?1h ESC =); a colour is an SGR sequence, ESC [ … m.
        Assert.DoesNotMatch(@"\u001b\[[0-9;]*m", output);
    }

    private static string Quoted(string path) => $"'{path.Replace("'", "'\\''", StringComparison.Ordinal)}'";
}
