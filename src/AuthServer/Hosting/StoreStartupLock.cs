using AuthServer.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace AuthServer.Hosting;

/// <summary>
/// Serialises the start-up work of nodes that share one PostgreSQL database (migrating, applying the
/// configured clients, creating the first keys) with a session-level advisory lock: the database settles
/// the race, not timing. The lock goes with the session, so a node killed while holding it frees it.
/// SQLite needs none: its writers are serialised by the file lock, and the key and client writes
/// re-read after losing a unique-index race.
/// </summary>
public static class StoreStartupLock
{
    private const long LockKey = 0x41_75_74_68_53_72_76_01; // "AuthSrv" + 1

    public static async Task<IAsyncDisposable> AcquireAsync(AuthDbContext db, CancellationToken cancellationToken)
    {
        if (!db.Database.IsNpgsql())
        {
            return NoLock.Instance;
        }

        await EnsureDatabaseExistsAsync(db, cancellationToken);
        await db.Database.OpenConnectionAsync(cancellationToken);
        await db.Database.ExecuteSqlRawAsync($"SELECT pg_advisory_lock({LockKey})", cancellationToken);
        return new Held(db);
    }

    /// <summary>The lock needs a connection to the database itself, so a fresh database is created first; a node that loses that race goes on.</summary>
    private static async Task EnsureDatabaseExistsAsync(AuthDbContext db, CancellationToken cancellationToken)
    {
        var creator = db.Database.GetService<IRelationalDatabaseCreator>();
        if (await creator.ExistsAsync(cancellationToken))
        {
            return;
        }

        try
        {
            await creator.CreateAsync(cancellationToken);
        }
        catch (PostgresException ex) when (ex.SqlState is PostgresErrorCodes.DuplicateDatabase or PostgresErrorCodes.UniqueViolation)
        {
        }
    }

    private sealed class Held(AuthDbContext db) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            try
            {
                await db.Database.ExecuteSqlRawAsync($"SELECT pg_advisory_unlock({LockKey})");
            }
            finally
            {
                await db.Database.CloseConnectionAsync();
            }
        }
    }

    private sealed class NoLock : IAsyncDisposable
    {
        public static readonly NoLock Instance = new();

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
