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
}

public static class DatabaseProviders
{
    public const string Sqlite = "Sqlite";
    public const string Postgres = "Postgres";
}

public sealed class DatabaseOptionsValidator : IValidateOptions<DatabaseOptions>
{
    public ValidateOptionsResult Validate(string? name, DatabaseOptions options)
    {
        if (options.Provider is not DatabaseProviders.Sqlite)
        {
            return ValidateOptionsResult.Fail(options.Provider is DatabaseProviders.Postgres
                ? "Database:Provider 'Postgres' is not available in this build yet; use 'Sqlite'."
                : $"Database:Provider must be 'Sqlite' or 'Postgres', not '{options.Provider}'.");
        }

        return options.SqliteSynchronous.ToUpperInvariant() is "NORMAL" or "FULL"
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail($"Database:SqliteSynchronous must be 'Normal' or 'Full', not '{options.SqliteSynchronous}'.");
    }
}
