using AuthServer.Options;
using Microsoft.EntityFrameworkCore;

namespace AuthServer.Hosting;

/// <summary>Points the store at SQLite (one machine, zero setup) or PostgreSQL (several nodes), each with its own migrations.</summary>
public static class StoreProvider
{
    public const string SqliteMigrations = "AuthServer.Migrations.Sqlite";
    public const string PostgresMigrations = "AuthServer.Migrations.Postgres";

    /// <summary>A migration may rewrite a large table: it gets far longer than a request's commands.</summary>
    public static readonly TimeSpan MigrationCommandTimeout = TimeSpan.FromMinutes(30);

    public static void Configure(DbContextOptionsBuilder options, DatabaseOptions database, string? connectionString)
    {
        if (database.Provider == DatabaseProviders.Postgres)
        {
            options.UseNpgsql(connectionString, npgsql => npgsql
                .MigrationsAssembly(PostgresMigrations)
                .EnableRetryOnFailure(database.MaxRetryCount, database.MaxRetryDelay, errorCodesToAdd: null));
            return;
        }

        options.UseSqlite(connectionString ?? DatabaseOptions.DefaultSqliteConnectionString,
                sqlite => sqlite.MigrationsAssembly(SqliteMigrations))
            .AddInterceptors(SqliteConnectionTuning.For(database));
    }
}
