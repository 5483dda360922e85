using Npgsql;

namespace AuthServer.Tests.Infrastructure;

/// <summary>
/// The PostgreSQL server the Postgres half of the suite runs against: the one named by
/// <c>AUTHSERVER_TEST_POSTGRES</c> (a connection string without a database, as <c>.ci/run</c> sets it),
/// or else a throw-away one started by <c>tests/postgres/server.sh</c> for this test run and stopped when it ends.
/// </summary>
public static class PostgresServer
{
    public const string EnvironmentVariable = "AUTHSERVER_TEST_POSTGRES";

    private static readonly Lazy<string> Server = new(Start);

    /// <summary>A connection string to the server, without a database.</summary>
    public static string ConnectionString => Server.Value;

    public static string For(string database) =>
        new NpgsqlConnectionStringBuilder(ConnectionString) { Database = database }.ConnectionString;

    public static async Task ExecuteAsync(string sql, string database = "postgres")
    {
        await using var connection = new NpgsqlConnection(For(database));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private static string Start()
    {
        if (Environment.GetEnvironmentVariable(EnvironmentVariable) is { Length: > 0 } given)
        {
            return given;
        }

        var directory = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"authserver-pg-{Guid.NewGuid():N}");
        var connection = StartCluster(directory);

        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            Script("stop", directory);
            try { Directory.Delete(directory, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        };
        return connection;
    }

    /// <summary>
    /// Starts a throw-away cluster in <paramref name="directory"/> and returns its connection string (without a
    /// database). The string is the script's one line that starts with <c>Host=</c>: a warning printed on the way
    /// (runuser's, say) is never taken for it.
    /// </summary>
    public static string StartCluster(string directory)
    {
        if (!System.IO.Directory.Exists("/usr/lib/postgresql"))
        {
            throw new MissingTool($"PostgreSQL's server binaries (or set {EnvironmentVariable})", "apt-get install postgresql");
        }

        var (code, output) = Script("start", directory);
        var connection = output.Split('\n').Select(line => line.Trim()).LastOrDefault(line => line.StartsWith("Host=", StringComparison.Ordinal));
        if (code != 0 || connection is null)
        {
            throw new InvalidOperationException($"Could not start a PostgreSQL for the tests (set {EnvironmentVariable}, or run bash .ci/run): {output}");
        }

        return connection;
    }

    /// <summary>Runs tests/postgres/server.sh; another cluster can be started the same way for a test that stops its database.</summary>
    public static (int ExitCode, string Output) Script(string action, string directory)
    {
        var script = System.IO.Path.Combine(RepositoryRoot.Path, "tests", "postgres", "server.sh");
        return ExternalProcess.RunAsync("bash", [script, action, directory], timeout: TimeSpan.FromMinutes(2)).GetAwaiter().GetResult();
    }
}
