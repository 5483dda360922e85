using System.Data.Common;
using AuthServer.Options;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace AuthServer.Hosting;

/// <summary>Points the store at SQLite (one machine, zero setup) or PostgreSQL (several nodes), each with its own migrations.</summary>
public static class StoreProvider
{
    public const string SqliteMigrations = "AuthServer.Migrations.Sqlite";
    public const string PostgresMigrations = "AuthServer.Migrations.Postgres";

    public static void Configure(DbContextOptionsBuilder options, DatabaseOptions database, string? connectionString)
    {
        if (database.Provider == DatabaseProviders.Postgres)
        {
            options.UseNpgsql(WithPostgresDefaults(connectionString!), npgsql => npgsql
                .MigrationsAssembly(PostgresMigrations)
                .EnableRetryOnFailure(database.MaxRetryCount, database.MaxRetryDelay, errorCodesToAdd: null));
            return;
        }

        options.UseSqlite(connectionString ?? DatabaseOptions.DefaultSqliteConnectionString,
                sqlite => sqlite.MigrationsAssembly(SqliteMigrations))
            .AddInterceptors(SqliteConnectionTuning.For(database));
    }

    /// <summary>
    /// Npgsql waits 15 s to connect and 30 s for a command by default; with retries, a request would hang
    /// for minutes on a lost database instead of answering 503. Shorter bounds apply unless the connection
    /// string sets its own.
    /// </summary>
    public static string WithPostgresDefaults(string connectionString)
    {
        var given = new DbConnectionStringBuilder { ConnectionString = connectionString };
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        if (!given.ContainsKey("Timeout"))
        {
            builder.Timeout = 5;
        }

        if (!given.ContainsKey("Command Timeout"))
        {
            builder.CommandTimeout = 15;
        }

        return builder.ConnectionString;
    }
}
