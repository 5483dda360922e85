using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;

namespace AuthServer.Tests.Infrastructure;

/// <summary>
/// AuthServer as its own process (the built executable), configured like <see cref="AuthServerInstance"/>:
/// for what only a separate process shows, such as a <c>kill -9</c> in the middle of requests.
/// </summary>
public sealed class AuthServerProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output = new();

    private AuthServerProcess(Process process, string url)
    {
        _process = process;
        Url = url;
    }

    public string Url { get; }

    /// <summary>Every line the process wrote to standard output or error so far.</summary>
    public IReadOnlyCollection<string> Output => _output;

    public static async Task<AuthServerProcess> StartAsync(string databaseFile, IDictionary<string, string?> settings)
    {
        var url = LoopbackApp.NewUrl();
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Path.GetDirectoryName(databaseFile)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "AuthServer.dll"));
        start.ArgumentList.Add($"--urls={url}");
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Testing";
        foreach (var (key, value) in AuthServerInstance.Configuration(url, databaseFile, settings))
        {
            start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        var process = Process.Start(start)!;
        var node = new AuthServerProcess(process, url);
        // Drained as it comes, or a full pipe would block the server's console logging.
        process.OutputDataReceived += (_, line) => node.Keep(line.Data);
        process.ErrorDataReceived += (_, line) => node.Keep(line.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        await node.WaitUntilReadyAsync();
        return node;
    }

    /// <summary>SIGKILL: no shutdown, no flush, as a crash or an OOM kill.</summary>
    public void Kill()
    {
        _process.Kill(entireProcessTree: true);
        _process.WaitForExit();
    }

    /// <summary>SIGTERM, as an orchestrator stops a node; returns the exit code once the process and its output have ended.</summary>
    public async Task<int> TerminateAsync()
    {
        using (var term = Process.Start("kill", ["-TERM", _process.Id.ToString(CultureInfo.InvariantCulture)]))
        {
            await term.WaitForExitAsync();
        }

        await _process.WaitForExitAsync(new CancellationTokenSource(TimeSpan.FromMinutes(1)).Token);
        return _process.ExitCode;
    }

    private void Keep(string? line)
    {
        if (line is not null) _output.Enqueue(line);
    }

    private async Task WaitUntilReadyAsync()
    {
        using var http = new HttpClient { BaseAddress = new Uri(Url) };
        for (var attempt = 0; attempt < 600; attempt++)
        {
            if (_process.HasExited) throw new InvalidOperationException($"AuthServer exited with {_process.ExitCode} at start.");
            try
            {
                if ((await http.GetAsync("/health/ready")).IsSuccessStatusCode) return;
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }

            await Task.Delay(100);
        }

        throw new TimeoutException("AuthServer did not become ready in 60 s.");
    }

    public ValueTask DisposeAsync()
    {
        if (!_process.HasExited) Kill();
        _process.Dispose();
        return ValueTask.CompletedTask;
    }
}
