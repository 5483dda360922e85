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
}

public static class DatabaseProviders
{
    public const string Sqlite = "Sqlite";
    public const string Postgres = "Postgres";
}

public sealed class DatabaseOptionsValidator : IValidateOptions<DatabaseOptions>
{
    public ValidateOptionsResult Validate(string? name, DatabaseOptions options) =>
        options.Provider is DatabaseProviders.Sqlite
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail(options.Provider is DatabaseProviders.Postgres
                ? "Database:Provider 'Postgres' is not available in this build yet; use 'Sqlite'."
                : $"Database:Provider must be 'Sqlite' or 'Postgres', not '{options.Provider}'.");
}
