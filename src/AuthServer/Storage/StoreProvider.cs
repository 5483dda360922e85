using AuthServer.Options;
using Microsoft.EntityFrameworkCore;

namespace AuthServer.Storage;

/// <summary>Points the store at SQLite (one machine, zero setup) or PostgreSQL (several nodes), each with its own migrations.</summary>
public static class StoreProvider
{
    public const string SqliteMigrations = "AuthServer.Migrations.Sqlite";
    public const string PostgresMigrations = "AuthServer.Migrations.Postgres";

    /// <summary>A migration may rewrite a large table: it gets far longer than a request's commands.</summary>
    public static readonly TimeSpan MigrationCommandTimeout = TimeSpan.FromMinutes(30);

    public static void Configure(DbContextOptionsBuilder options, DatabaseOptions database, string? connectionString,
        StoreDeadline? deadline = null)
    {
        if (deadline is not null)
        {
            options.AddInterceptors(deadline);
        }

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
    /// Npgsql waits 15 s to open a connection (and to cancel a command on a server that stopped answering) and
    /// 30 s for a command, and a command it was asked to cancel still runs until that timeout when the server
    /// does not answer: a request would wait that long several times over. 5 s and 10 s, unless the connection
    /// string says otherwise (a request's own commands are tiny; migrations and pruning set longer ones).
    /// </summary>
    public static string WithPostgresDefaults(string connectionString)
    {
        var given = new System.Data.Common.DbConnectionStringBuilder { ConnectionString = connectionString };
        var builder = new Npgsql.NpgsqlConnectionStringBuilder(connectionString);
        if (!given.ContainsKey("Timeout"))
        {
            builder.Timeout = 5;
        }

        if (!given.ContainsKey("Command Timeout"))
        {
            builder.CommandTimeout = 10;
        }

        return builder.ConnectionString;
    }
}
