#if !POSTGRES // the walk-through's store is the default SQLite file; the commands are the same on either suite
using AuthServer.Tests.Infrastructure;

namespace AuthServer.Tests.Docs;

/// <summary>
/// docs/bubble.md's "Walk-through against the Bubble simulator", run as written: the simulator, AuthServer and
/// SampleApi with their own <c>dotnet run</c> commands, then the walk-through's curl commands in one bash (see
/// <see cref="DocumentedSession"/>), logging in as the simulator's documented user.
/// </summary>
[Collection(DocumentedCommandsCollection.Name)]
public sealed class BubbleWalkthroughTests
{
    private static IReadOnlyList<string> Blocks() =>
        MarkdownDoc.BashBlocks(MarkdownDoc.Read("docs/bubble.md").Section("## Walk-through against the Bubble simulator"));

    [Fact]
    public async Task The_walkthrough_logs_in_at_the_simulator_exchanges_calls_the_api_refreshes_and_logs_out_as_written()
    {
        var blocks = Blocks();
        Assert.Equal(["tests/BubbleSimulator", "src/AuthServer", "src/SampleApi"],
            blocks.Where(DocumentedSession.IsServerBlock).Select(b => DocumentedServer.ProjectOf(b.Trim())));
        await using var session = new DocumentedSession();
        await session.StartServersAsync(blocks);

        var (exitCode, output) = await session.RunCommandsAsync(blocks, "printf 'KEPT=%s\\n' \"$REFRESH\"\n");

        Assert.True(exitCode == 0, $"A walk-through command failed (exit {exitCode}); the last '+' line names it:\n{output}");
        Assert.Contains("block 1 ran to its end", output);
        var flat = output.Replace(" ", "");
        Assert.Matches("\"sub\":\"[0-9]+x[0-9]+\"", flat);                  // step 3: a Bubble user id
        Assert.Contains("\"email\":\"alice@example.com\"", flat);           // the documented user
        Assert.Contains("\"client_id\":\"demo-bubble-app\"", flat);
        Assert.Matches(@"KEPT=[A-Za-z0-9_\-\.]{20,}\n", output);           // step 4 kept the rotated refresh token, not an answer
        Assert.Contains("\"error\":\"invalid_grant\"", flat);               // step 5: revoked, then refused
    }
}
#endif
