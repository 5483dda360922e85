using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using AuthServer.Storage;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace AuthServer.Tests.Infrastructure;

/// <summary>
/// The provider parameter of the fixtures. The suite is compiled twice: <c>AuthServer.Tests</c> runs it on
/// SQLite, <c>AuthServer.Tests.Postgres</c> (with <c>POSTGRES</c> defined) on PostgreSQL. A test names its
/// store by a file path in its folder; on PostgreSQL that path picks a database of its own, so two
/// nodes given the same path share one database, exactly as two nodes share one SQLite file.
/// </summary>
public static class TestStore
{
#if POSTGRES
    public static bool IsPostgres { get; } = true;
#else
    public static bool IsPostgres { get; } = false;
#endif

    public static string Provider => IsPostgres ? "Postgres" : "Sqlite";

    private static readonly ConcurrentDictionary<string, ConcurrentDictionary<string, bool>> DatabasesByFolder = new();

    /// <summary>The configuration that points AuthServer (or its CLI) at this store.</summary>
    public static Dictionary<string, string?> Settings(string databaseFile) => new()
    {
        ["Database:Provider"] = Provider,
        ["ConnectionStrings:AuthServer"] = ConnectionString(databaseFile),
    };

    public static string ConnectionString(string databaseFile) =>
        IsPostgres ? PostgresServer.For(DatabaseName(databaseFile)) : $"Data Source={databaseFile}";

    public static DbContextOptions<AuthDbContext> Options(string databaseFile)
    {
        var builder = new DbContextOptionsBuilder<AuthDbContext>();
        StoreProvider.Configure(builder, new AuthServer.Options.DatabaseOptions { Provider = Provider }, ConnectionString(databaseFile));
        return builder.Options;
    }

    /// <summary>Runs one SQL statement on the store; quote identifiers ("AuthKeys"), which both providers accept.</summary>
    public static async Task<object?> ExecuteAsync(string databaseFile, string sql, bool scalar = false)
    {
        await using var db = new AuthDbContext(Options(databaseFile));
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return scalar ? await command.ExecuteScalarAsync() : await command.ExecuteNonQueryAsync();
    }

    /// <summary>Whether the store was created at all (a server that refuses to start must not create it).</summary>
    public static async Task<bool> ExistsAsync(string databaseFile)
    {
        if (!IsPostgres)
        {
            return File.Exists(databaseFile);
        }

        await using var connection = new NpgsqlConnection(PostgresServer.For("postgres"));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT count(*) FROM pg_database WHERE datname = @name", connection);
        command.Parameters.AddWithValue("name", DatabaseName(databaseFile));
        return (long)(await command.ExecuteScalarAsync())! > 0;
    }

    /// <summary>
    /// Everything the store holds, as text: the SQLite files' bytes, or every row of every table on
    /// PostgreSQL. What a thief of the database (or of a backup) would read.
    /// </summary>
    public static async Task<string> DumpAsync(string databaseFile)
    {
        SqliteConnection.ClearAllPools();
        if (!IsPostgres)
        {
            return string.Concat(Directory.GetFiles(Path.GetDirectoryName(databaseFile)!, Path.GetFileName(databaseFile) + "*")
                .Select(f => Encoding.Latin1.GetString(File.ReadAllBytes(f))));
        }

        await using var db = new AuthDbContext(Options(databaseFile));
        var tables = await db.Database.SqlQueryRaw<string>(
            "SELECT table_name AS \"Value\" FROM information_schema.tables WHERE table_schema = 'public'").ToListAsync();
        var dump = new StringBuilder();
        foreach (var table in tables)
        {
            // The names come from the catalog just read, not from input.
            var rows = "SELECT t::text AS \"Value\" FROM \"" + table + "\" t";
            dump.AppendJoin('\n', await db.Database.SqlQueryRaw<string>(rows).ToListAsync());
        }

        return dump.ToString();
    }

    /// <summary>Closes idle pooled connections and, on PostgreSQL, drops the databases of a test's folder.</summary>
    public static void Release(string folder)
    {
        SqliteConnection.ClearAllPools();
        if (!IsPostgres || !DatabasesByFolder.TryRemove(folder, out var names))
        {
            return;
        }

        NpgsqlConnection.ClearAllPools();
        foreach (var name in names.Keys)
        {
            try
            {
                PostgresServer.ExecuteAsync($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)").GetAwaiter().GetResult();
            }
            catch (NpgsqlException)
            {
                // a test that stopped its own server; the throw-away cluster goes anyway
            }
        }
    }

    /// <summary>The PostgreSQL database a file path stands for; the database is dropped with the path's folder.</summary>
    internal static string DatabaseName(string databaseFile)
    {
        var full = Path.GetFullPath(databaseFile);
        var name = "t_" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(full)))[..24];
        DatabasesByFolder.GetOrAdd(Path.GetDirectoryName(full)!, _ => new())[name] = true;
        return name;
    }
}
