using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace AuthServer.Tests.Infrastructure;

/// <summary>
/// A server started by a command of the docs (<c>dotnet run --project src/AuthServer</c>), run verbatim from the
/// repository root as a newcomer runs it, in the background. The docs promise the address of the project's launch
/// profile (<c>Properties/launchSettings.json</c>, <c>http://localhost:5000</c>); the test listens on a free port
/// instead (<c>Kestrel__Endpoints__Http__Url</c>, which wins over the profile's address without touching the
/// command), so that it never meets a server a developer left running there or a parallel run, and puts its
/// address in place of the promised one in the commands that follow.
/// </summary>
public sealed partial class DocumentedServer : IAsyncDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output = new();

    private DocumentedServer(Process process, string project, string documentedUrl, string url)
    {
        _process = process;
        Project = project;
        DocumentedUrl = documentedUrl;
        Url = url;
    }

    /// <summary>The project the command runs, as the docs write it: <c>src/AuthServer</c>.</summary>
    public string Project { get; }

    /// <summary>The address its launch profile gives it, which the docs' commands use: <c>http://localhost:5000</c>.</summary>
    public string DocumentedUrl { get; }

    /// <summary>Where this run's server listens.</summary>
    public string Url { get; }

    public string Output => string.Join('\n', _output);

    /// <summary>The project of a server command (<c>dotnet run --project P</c>, a comment allowed), or null for any other line.</summary>
    public static string? ProjectOf(string commandLine)
    {
        var match = ServerCommand().Match(commandLine.Trim());
        return match.Success ? match.Groups[1].Value : null;
    }

    /// <summary>Runs the command, and returns once the server answers HTTP (AuthServer: once <c>/health/ready</c> is 200).</summary>
    public static async Task<DocumentedServer> StartAsync(string command, IDictionary<string, string> environment)
    {
        var project = ProjectOf(command) ?? throw new ArgumentException($"Not a server command: {command}");
        var documentedUrl = LaunchProfileUrl(project);
        var url = $"http://127.0.0.1:{Ports.Free()}";
        var start = new ProcessStartInfo("bash")
        {
            WorkingDirectory = RepositoryRoot.Path,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add("exec " + command);
        NewcomerEnvironment(start.Environment);
        start.Environment["Kestrel__Endpoints__Http__Url"] = url;
        foreach (var (key, value) in environment) start.Environment[key] = value;

        var process = Process.Start(start)!;
        var server = new DocumentedServer(process, project, documentedUrl, url);
        process.OutputDataReceived += (_, line) => server.Keep(line.Data);
        process.ErrorDataReceived += (_, line) => server.Keep(line.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await server.WaitUntilAnsweringAsync(project == "src/AuthServer" ? "/health/ready" : "/");
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }

        return server;
    }

    /// <summary>
    /// A shell's environment, not the test runner's: the runner's MSBuild variables would steer the command's build.
    /// No build server or node is left behind to outlive the test and hold its output open.
    /// </summary>
    public static void NewcomerEnvironment(IDictionary<string, string?> environment)
    {
        foreach (var key in environment.Keys.Where(k => k.StartsWith("MSBUILD", StringComparison.OrdinalIgnoreCase)).ToList())
        {
            environment.Remove(key);
        }

        environment["MSBUILDDISABLENODEREUSE"] = "1";
        environment["UseSharedCompilation"] = "false";
        environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        environment["DOTNET_NOLOGO"] = "1";
    }

    private static string LaunchProfileUrl(string project)
    {
        var file = Path.Combine(RepositoryRoot.Path, project, "Properties", "launchSettings.json");
        using var settings = JsonDocument.Parse(File.ReadAllText(file));
        return settings.RootElement.GetProperty("profiles").EnumerateObject().First().Value.GetProperty("applicationUrl").GetString()!;
    }

    private void Keep(string? line)
    {
        if (line is not null) _output.Enqueue(line);
    }

    private async Task WaitUntilAnsweringAsync(string path)
    {
        using var http = new HttpClient { BaseAddress = new Uri(Url), Timeout = TimeSpan.FromSeconds(5) };
        // dotnet run builds first: on a busy two-core machine that alone may take a minute or more.
        var deadline = DateTime.UtcNow.AddMinutes(4);
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"'{Project}' exited with {_process.ExitCode} before answering:\n{Output}");
            }

            try
            {
                using var response = await http.GetAsync(path);
                if (path == "/" || response.IsSuccessStatusCode) return;
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }
            catch (TaskCanceledException)
            {
                // listening, not answering yet
            }

            await Task.Delay(250);
        }

        throw new TimeoutException($"'{Project}' did not answer {Url}{path} within 4 minutes:\n{Output}");
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    [GeneratedRegex(@"^dotnet run --project (\S+)\s*(#.*)?$")]
    private static partial Regex ServerCommand();
}
