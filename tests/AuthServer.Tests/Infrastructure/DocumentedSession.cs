using System.Text.Json;

namespace AuthServer.Tests.Infrastructure;

/// <summary>
/// The fenced bash blocks of one section of the docs, run as a newcomer runs them: each block of
/// <c>dotnet run --project …</c> lines starts servers (one terminal each, see <see cref="DocumentedServer"/>), and
/// every other block runs, in order, in one more terminal: one bash, where a variable set by one block is seen by the
/// next. <c>set -euo pipefail</c> makes any command that fails (curl with <c>--fail-with-body</c> included) end the
/// run with its exit code; <c>-x</c> names it in the output.
/// </summary>
public sealed class DocumentedSession : IAsyncDisposable
{
    /// <summary>The one block a session never runs: the README's test command, which is this very test suite.</summary>
    public const string TestCommand = "bash .ci/run";

    private readonly List<DocumentedServer> _servers = [];
    private readonly TestDirectory _directory = new();

    public IReadOnlyList<DocumentedServer> Servers => _servers;

    /// <summary>Starts the section's servers in order. The AuthServer's store goes to a folder of the test's own, and a
    /// demo client bound to another documented server (the Bubble simulator) is bound to where that server listens.</summary>
    public async Task StartServersAsync(IEnumerable<string> blocks)
    {
        foreach (var line in blocks.Where(IsServerBlock).SelectMany(Lines))
        {
            var project = DocumentedServer.ProjectOf(line)!;
            var environment = new Dictionary<string, string>();
            if (project == "src/AuthServer")
            {
                environment["ConnectionStrings__AuthServer"] = $"Data Source={Path.Combine(_directory.Path, "authserver.db")}";
                foreach (var (index, bubbleUrl) in DemoClientBubbleApps())
                {
                    var bubble = _servers.FirstOrDefault(s => s.DocumentedUrl == bubbleUrl);
                    if (bubble is not null) environment[$"Clients__{index}__BubbleAppUrl"] = bubble.Url;
                }
            }
            else if (project == "src/SampleApi")
            {
                var authServer = _servers.Single(s => s.Project == "src/AuthServer");
                environment["Auth__Authority"] = authServer.Url;
            }

            _servers.Add(await DocumentedServer.StartAsync(line, environment));
        }
    }

    /// <summary>The other blocks, in one bash with the servers' addresses in place of the documented ones; after each
    /// block a marker line says it ran to its end, and <paramref name="epilogue"/> runs last (to print what the test checks).</summary>
    public async Task<(int ExitCode, string Output)> RunCommandsAsync(IEnumerable<string> blocks, string epilogue = "")
    {
        var commands = blocks.Where(b => !IsServerBlock(b) && b.Trim() != TestCommand)
            .Select((block, i) => block + $"\necho 'block {i + 1} ran to its end'\n");
        var script = string.Join('\n', commands) + epilogue;
        foreach (var server in _servers)
        {
            Assert.True(script.Contains(server.DocumentedUrl, StringComparison.Ordinal),
                $"No command uses {server.Project} at {server.DocumentedUrl}, the address its launch profile gives it.");
            script = script.Replace(server.DocumentedUrl, server.Url, StringComparison.Ordinal);
        }

        using var process = new System.Diagnostics.Process();
        process.StartInfo = new System.Diagnostics.ProcessStartInfo("bash")
        {
            WorkingDirectory = RepositoryRoot.Path,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in new[] { "-euxo", "pipefail", "-c", script }) process.StartInfo.ArgumentList.Add(argument);
        DocumentedServer.NewcomerEnvironment(process.StartInfo.Environment);
        process.Start();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync(new CancellationTokenSource(TimeSpan.FromMinutes(2)).Token);
        return (process.ExitCode, await stdout + "\n" + await stderr);
    }

    public static int CommandBlockCount(IEnumerable<string> blocks) => blocks.Count(b => !IsServerBlock(b) && b.Trim() != TestCommand);

    public static bool IsServerBlock(string block) =>
        Lines(block).Any() && Lines(block).All(line => DocumentedServer.ProjectOf(line) is not null);

    private static IEnumerable<string> Lines(string block) =>
        block.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith('#'));

    /// <summary>The demo clients of appsettings.Development.json bound to a Bubble app: their index and its address.</summary>
    private static IEnumerable<(int Index, string Url)> DemoClientBubbleApps()
    {
        using var settings = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepositoryRoot.Path, "src", "AuthServer", "appsettings.Development.json")));
        return settings.RootElement.GetProperty("Clients").EnumerateArray()
            .Select((client, index) => (index, client.TryGetProperty("BubbleAppUrl", out var url) ? url.GetString() : null))
            .Where(c => c.Item2 is not null)
            .Select(c => (c.index, c.Item2!))
            .ToList();
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var server in Enumerable.Reverse(_servers)) await server.DisposeAsync();
        _directory.Dispose();
    }
}
