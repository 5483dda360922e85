using Microsoft.Extensions.Options;

namespace AuthServer.Options;

public sealed class DatabaseOptions
{
    public const string Section = "Database";
    public const string ConnectionStringName = "AuthServer";
    public const string DefaultSqliteConnectionString = "Data Source=authserver.db";

    public string Provider { get; set; } = DatabaseProviders.Sqlite;

    /// <summary>Apply pending migrations when the server starts; switch off to run <c>migrate</c> as a deploy step.</summary>
    public bool MigrateOnStart { get; set; } = true;

    /// <summary>
    /// SQLite's <c>synchronous</c> level. <c>Normal</c> (with WAL) survives a crash or <c>kill -9</c> of the
    /// process but may lose the last transactions on a power loss; <c>Full</c> survives both, at a cost per write.
    /// </summary>
    public string SqliteSynchronous { get; set; } = "Normal";

    /// <summary>
    /// How often a command that failed for a transient reason (a dropped connection, a failover) is tried
    /// again, on PostgreSQL. Kept low: a request waits for the retries, and a lost database must answer 503 quickly.
    /// </summary>
    public int MaxRetryCount { get; set; } = 2;

    /// <summary>The longest pause between two of those tries.</summary>
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// The longest a request under <c>/connect</c> may take before it is given up and answered 503: a database
    /// that accepts connections but stops answering must not hold requests for the sum of every timeout and retry
    /// (Npgsql's own: 15 s to connect or to wait for a pooled connection, 30 s a command, each retried).
    /// </summary>
    public TimeSpan RequestDeadline { get; set; } = TimeSpan.FromSeconds(20);
}

public static class DatabaseProviders
{
    public const string Sqlite = "Sqlite";
    public const string Postgres = "Postgres";
}

public sealed class DatabaseOptionsValidator(IConfiguration configuration) : IValidateOptions<DatabaseOptions>
{
    public ValidateOptionsResult Validate(string? name, DatabaseOptions options)
    {
        if (options.Provider is not (DatabaseProviders.Sqlite or DatabaseProviders.Postgres))
        {
            return ValidateOptionsResult.Fail($"Database:Provider must be 'Sqlite' or 'Postgres', not '{options.Provider}'.");
        }

        if (options.Provider is DatabaseProviders.Postgres
            && string.IsNullOrWhiteSpace(configuration.GetConnectionString(DatabaseOptions.ConnectionStringName)))
        {
            return ValidateOptionsResult.Fail(
                "Database:Provider 'Postgres' needs ConnectionStrings:AuthServer, e.g. 'Host=db;Database=authserver;Username=authserver;Password=…'.");
        }

        if (options.RequestDeadline < TimeSpan.FromSeconds(1) || options.RequestDeadline > TimeSpan.FromMinutes(5))
        {
            return ValidateOptionsResult.Fail("Database:RequestDeadline must be between 00:00:01 and 00:05:00.");
        }

        if (options.Provider is DatabaseProviders.Postgres && PostgresConnectionProblem(configuration) is { } problem)
        {
            return ValidateOptionsResult.Fail(problem);
        }

        if (options.MaxRetryCount is < 0 or > 10 || options.MaxRetryDelay < TimeSpan.Zero || options.MaxRetryDelay > TimeSpan.FromSeconds(30))
        {
            return ValidateOptionsResult.Fail("Database:MaxRetryCount must be 0 to 10 and Database:MaxRetryDelay 0 to 30 seconds.");
        }

        return options.SqliteSynchronous.ToUpperInvariant() is "NORMAL" or "FULL"
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail($"Database:SqliteSynchronous must be 'Normal' or 'Full', not '{options.SqliteSynchronous}'.");
    }

    private static string? PostgresConnectionProblem(IConfiguration configuration)
    {
        try
        {
            var connection = new Npgsql.NpgsqlConnectionStringBuilder(configuration.GetConnectionString(DatabaseOptions.ConnectionStringName));
            return string.IsNullOrWhiteSpace(connection.Host)
                ? "ConnectionStrings:AuthServer names no Host for Database:Provider 'Postgres' (is it still the SQLite default 'Data Source=…'?)."
                : null;
        }
        catch (ArgumentException)
        {
            return "ConnectionStrings:AuthServer is not a PostgreSQL connection string (is it still the SQLite default 'Data Source=…'?).";
        }
    }
}
