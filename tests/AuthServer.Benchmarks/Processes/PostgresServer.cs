using System.Collections.Concurrent;
using System.Diagnostics;
using Npgsql;

namespace AuthServer.Benchmarks.Processes;

/// <summary>
/// The PostgreSQL server of a <c>--postgres</c> run: the one named by <c>AUTHSERVER_TEST_POSTGRES</c> (a
/// connection string without a database, as <c>.ci/run</c> sets it), else a throw-away one started with
/// <c>tests/postgres/server.sh</c>. The run gets a database of its own; at the end a throw-away server is
/// stopped and its folder deleted, and on a given server only that database is dropped. Like
/// <see cref="ChildProcess"/>, whatever is left is stopped when the harness exits, Ctrl+C included.
/// </summary>
public sealed class PostgresServer : IAsyncDisposable
{
    public const string EnvironmentVariable = "AUTHSERVER_TEST_POSTGRES";
    private static readonly TimeSpan ScriptTimeout = TimeSpan.FromMinutes(2);
    private static readonly ConcurrentDictionary<string, PostgresServer> Owned = new();
    private readonly string? _folder;
    private readonly string _server;

    static PostgresServer() => AppDomain.CurrentDomain.ProcessExit += (_, _) => StopAll();

    private PostgresServer(string server, string? folder)
    {
        _server = server;
        _folder = folder;
    }

    /// <summary>The run's own database, created (and migrated) by the first AuthServer node that starts.</summary>
    public string Database { get; } = $"authserver_bench_{Guid.NewGuid():N}";

    public string ConnectionString => new NpgsqlConnectionStringBuilder(_server) { Database = Database }.ConnectionString;

    /// <summary>Where it came from, for the run's header line.</summary>
    public string Describe() => _folder is null ? $"the server of {EnvironmentVariable}" : $"a throw-away server in {_folder}";

    public static async Task<PostgresServer> StartAsync(CancellationToken cancel)
    {
        if (Environment.GetEnvironmentVariable(EnvironmentVariable) is { Length: > 0 } given)
        {
            return new PostgresServer(given, folder: null);
        }

        // The server runs as the postgres user (the script drops root), so the folder above its data
        // directory must be traversable by others: a plain directory (0755), not mktemp's 0700.
        var folder = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), $"authserver-bench-pg-{Guid.NewGuid():N}")).FullName;
        var cluster = Path.Combine(folder, "cluster");
        var server = new PostgresServer("", folder);
        Owned[folder] = server; // before the script runs: an interrupted start is cleaned up too
        // Not cancelled half-way: a pg_ctl killed mid-start could leave a server nobody knows about.
        var (code, output) = await Task.Run(() => Script("start", cluster), CancellationToken.None);
        cancel.ThrowIfCancellationRequested();
        if (code != 0)
        {
            throw new InvalidOperationException($"Could not start a PostgreSQL (set {EnvironmentVariable} to use a running one): {output}");
        }

        var started = new PostgresServer(output.Trim().Split('\n')[^1], folder);
        Owned[folder] = started;
        return started;
    }

    public async ValueTask DisposeAsync()
    {
        if (_folder is not null)
        {
            Stop();
            return;
        }

        // Someone else's server: leave it as found, without this run's database. FORCE closes the
        // connections of nodes that are still going away.
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(_server) { Database = "postgres" }.ConnectionString);
        await connection.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{Database}\" WITH (FORCE)", connection);
        await drop.ExecuteNonQueryAsync();
    }

    /// <summary>Stops every throw-away server still running and deletes its folder.</summary>
    public static void StopAll()
    {
        foreach (var server in Owned.Values)
        {
            server.Stop();
        }
    }

    private void Stop()
    {
        if (_folder is null || !Owned.TryRemove(_folder, out _))
        {
            return;
        }

        Script("stop", Path.Combine(_folder, "cluster"));
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine($"Could not delete {_folder}: {ex.Message}");
        }
    }

    /// <summary>Runs tests/postgres/server.sh synchronously (it is also run from the ProcessExit handler).</summary>
    private static (int ExitCode, string Output) Script(string action, string directory)
    {
        var info = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(Path.Combine(RepositoryRoot.Path, "tests", "postgres", "server.sh"));
        info.ArgumentList.Add(action);
        info.ArgumentList.Add(directory);
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(ScriptTimeout))
        {
            process.Kill(entireProcessTree: true);
            return (-1, $"server.sh {action} took longer than {ScriptTimeout.TotalMinutes:0} minutes");
        }

        return (process.ExitCode, stdout.Result + stderr.Result);
    }
}
