using AuthServer.Storage;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace AuthServer.Tests.Infrastructure;

/// <summary>
/// A store migrated once per test run, copied for each test that wants a migrated store of its own: a file
/// copy on SQLite, <c>CREATE DATABASE ... TEMPLATE</c> on PostgreSQL, so no test runs the migrations' DDL.
/// Measured under load: on PostgreSQL 200-260 ms to create and migrate against 140-290 ms to copy and find
/// nothing pending; on SQLite about 50 ms either way (a start's time goes to building the host and
/// generating its keys). The in-process tier relies on it never to migrate. The copy holds the schema
/// only (no clients, no keys): the server's start-up still applies the test's clients and scopes, creates
/// its keys and tunes the store, exactly as on a store it migrated itself, and its migration finds nothing
/// left to apply. Each test still gets a store no other test sees.
/// </summary>
public static class MigratedTemplate
{
    private static readonly Lazy<Task<string>> Template = new(CreateAsync);

    /// <summary>Gives <paramref name="databaseFile"/> a migrated store of its own, unless it already has one.</summary>
    public static async Task CopyToAsync(string databaseFile)
    {
        var template = await Template.Value;
        if (!TestStore.IsPostgres)
        {
            if (!File.Exists(databaseFile))
            {
                File.Copy(template, databaseFile);
            }

            return;
        }

        var name = TestStore.DatabaseName(databaseFile);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await PostgresServer.ExecuteAsync($"CREATE DATABASE \"{name}\" TEMPLATE \"{template}\"");
                return;
            }
            catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.DuplicateDatabase)
            {
                return;
            }
            catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.ObjectInUse && attempt < 20)
            {
                // Copying needs the template to have no session; two copies at once can meet there briefly.
                await Task.Delay(50 * attempt);
            }
        }
    }

    /// <summary>Migrates the template and returns its file (SQLite) or database name (PostgreSQL).</summary>
    private static async Task<string> CreateAsync()
    {
        var folder = Directory.CreateTempSubdirectory("authserver-template-").FullName;
        var file = Path.Combine(folder, "template.db");
        await using (var db = new AuthDbContext(TestStore.Options(file)))
        {
            await db.Database.MigrateAsync();
        }

        // No session may stay open on it: a SQLite copy must see the whole file, and PostgreSQL copies
        // only a template nobody is connected to.
        SqliteConnection.ClearAllPools();
        if (!TestStore.IsPostgres)
        {
            AppDomain.CurrentDomain.ProcessExit += (_, _) => Delete(folder);
            return file;
        }

        var name = TestStore.DatabaseName(file);
        NpgsqlConnection.ClearAllPools();
        Delete(folder);
        AppDomain.CurrentDomain.ProcessExit += (_, _) => TestStore.Release(folder);
        return name;
    }

    private static void Delete(string folder)
    {
        try { Directory.Delete(folder, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
