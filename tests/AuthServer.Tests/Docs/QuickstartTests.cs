#if !POSTGRES // the newcomer's store is the default SQLite file; the commands are the same on either suite
using AuthServer.Tests.Infrastructure;

namespace AuthServer.Tests.Docs;

/// <summary>
/// The README's Quickstart, run as written on this checkout: its servers with their own <c>dotnet run</c> commands,
/// then its other commands in one bash, as a newcomer pastes them (see <see cref="DocumentedSession"/>). A command
/// that stops working fails here, naming it.
/// </summary>
[Collection(DocumentedCommandsCollection.Name)]
public sealed class QuickstartTests
{
    private static IReadOnlyList<string> Blocks() => MarkdownDoc.BashBlocks(MarkdownDoc.Read("README.md").Section("## Quickstart"));

    [Fact]
    public void The_quickstart_names_ci_run_as_the_test_command_and_starts_the_server_and_the_sample_api()
    {
        var blocks = Blocks();

        Assert.Contains(DocumentedSession.TestCommand, blocks.Select(b => b.Trim()));
        Assert.True(File.Exists(Path.Combine(RepositoryRoot.Path, ".ci", "run")), ".ci/run, the README's test command, is missing.");
        Assert.Equal(["src/AuthServer", "src/SampleApi"],
            blocks.Where(DocumentedSession.IsServerBlock).Select(b => DocumentedServer.ProjectOf(b.Trim())));
        // The first server command is the first thing a newcomer runs; the tests' prerequisites stay out of the way.
        Assert.Equal("dotnet run --project src/AuthServer", blocks[0].Trim());
        Assert.DoesNotContain(blocks, b => b.Contains("apt-get", StringComparison.Ordinal) || b.Contains("postgres", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task The_quickstart_commands_run_as_written_and_give_a_token_that_the_sample_api_accepts()
    {
        var blocks = Blocks();
        await using var session = new DocumentedSession();
        await session.StartServersAsync(blocks);

        var (exitCode, output) = await session.RunCommandsAsync(blocks, "printf 'TOKEN=%s\\n' \"$TOKEN\"\n");

        Assert.True(exitCode == 0, $"A Quickstart command failed (exit {exitCode}); the last '+' line names it:\n{output}");
        for (var block = 1; block <= DocumentedSession.CommandBlockCount(blocks); block++)
        {
            Assert.Contains($"block {block} ran to its end", output);
        }

        Assert.Matches(@"TOKEN=eyJ[\w-]+\.[\w-]+\.[\w-]+\n", output);          // a JWT came back
        Assert.Contains("\"keys\":[", output.Replace(" ", ""));                  // the JWKS
        Assert.Contains("\"client_id\":\"demo-script\"", output.Replace(" ", "")); // /me accepted it
    }
}
#endif
