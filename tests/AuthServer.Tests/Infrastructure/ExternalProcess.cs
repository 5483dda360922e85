using System.Diagnostics;

namespace AuthServer.Tests.Infrastructure;

/// <summary>Runs a third-party tool (node, npm, python) to completion and returns its exit code and output.</summary>
public static class ExternalProcess
{
    public static async Task<(int ExitCode, string Output)> RunAsync(string program, string[] arguments, string? workingDirectory = null,
        TimeSpan? timeout = null)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true };
        if (workingDirectory is not null) start.WorkingDirectory = workingDirectory;
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var limit = new CancellationTokenSource(timeout ?? TimeSpan.FromMinutes(3));
        await process.WaitForExitAsync(limit.Token);
        return (process.ExitCode, await stdout + await stderr);
    }
}
