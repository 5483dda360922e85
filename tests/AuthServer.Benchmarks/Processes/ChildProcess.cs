using System.Collections.Concurrent;
using System.Diagnostics;

namespace AuthServer.Benchmarks.Processes;

/// <summary>
/// One server under test, run as `dotnet app.dll …` (the app runs in that very process, so its PID is
/// the app's). Its output is drained and only the last lines kept, for the message when it fails.
/// Every child is killed when it is disposed, and all that are left when the harness exits.
/// </summary>
public sealed class ChildProcess : IAsyncDisposable
{
    private static readonly ConcurrentDictionary<int, ChildProcess> Running = new();
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _tail = new();

    static ChildProcess() => AppDomain.CurrentDomain.ProcessExit += (_, _) => KillAll();

    private ChildProcess(string name, Process process, string url)
    {
        Name = name;
        _process = process;
        Url = url;
    }

    public string Name { get; }

    public string Url { get; }

    public int Id => _process.Id;

    public static ChildProcess Start(string name, string dll, string url, string workingDirectory,
        IEnumerable<string> arguments, IDictionary<string, string> environment)
    {
        var info = new ProcessStartInfo(AppLocations.DotnetHost)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(dll);
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }
        info.ArgumentList.Add($"--urls={url}");
        foreach (var (key, value) in environment)
        {
            info.Environment[key] = value;
        }

        var process = new Process { StartInfo = info, EnableRaisingEvents = true };
        var child = new ChildProcess(name, process, url);
        process.OutputDataReceived += (_, e) => child.Keep(e.Data);
        process.ErrorDataReceived += (_, e) => child.Keep(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        Running[process.Id] = child;
        return child;
    }

    /// <summary>
    /// Polls <paramref name="path"/> until it answers 2xx (or anything at all, for a server without a
    /// probe endpoint); fails at once if the process has exited.
    /// </summary>
    public async Task WaitUntilReadyAsync(string path, TimeSpan timeout, CancellationToken cancel, bool anyStatus = false)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < timeout)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"{Name} exited with code {_process.ExitCode}:\n{Tail}");
            }

            try
            {
                using var response = await http.GetAsync($"{Url}{path}", cancel);
                if (anyStatus || response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException) when (!cancel.IsCancellationRequested)
            {
                // Listening but slower than the 2 s poll timeout (a start-up on busy cores): ask again. Left
                // uncaught, it would end the run with exit code 1 and no message (System.CommandLine prints
                // no cancellation).
            }

            await Task.Delay(200, cancel);
        }

        throw new TimeoutException($"{Name} did not answer {path} within {timeout.TotalSeconds:0} s:\n{Tail}");
    }

    /// <summary>The peak resident set (VmHWM) of the process so far, in MB; null where /proc is not available.</summary>
    public double? PeakWorkingSetMegabytes()
    {
        var status = $"/proc/{_process.Id}/status";
        if (!File.Exists(status))
        {
            return null;
        }

        var line = File.ReadLines(status).FirstOrDefault(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
        var kilobytes = line?.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1];
        return kilobytes is null ? null : long.Parse(kilobytes, System.Globalization.CultureInfo.InvariantCulture) / 1024.0;
    }

    public string Tail => string.Join('\n', _tail);

    public async ValueTask DisposeAsync()
    {
        Kill();
        await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(10)).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        _process.Dispose();
    }

    public static void KillAll()
    {
        foreach (var child in Running.Values)
        {
            child.Kill();
        }
    }

    private void Kill()
    {
        Running.TryRemove(_process.Id, out _);
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
    }

    private void Keep(string? line)
    {
        if (line is null)
        {
            return;
        }

        _tail.Enqueue(line);
        while (_tail.Count > 40 && _tail.TryDequeue(out _))
        {
        }
    }
}
