using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using AuthServer.Operations.Logging;

namespace AuthServer.Storage;

/// <summary>
/// Serialises the start-up work of nodes that share one PostgreSQL database (migrating, applying the
/// configured clients, creating the first keys) with a session-level advisory lock: the database settles
/// the race, not timing. The lock goes with the session, so a node killed while holding it frees it.
/// SQLite needs none: its writers are serialised by the file lock, and the key and client writes
/// re-read after losing a unique-index race.
/// </summary>
public static class StoreStartupLock
{
    internal const long LockKey = 0x41_75_74_68_53_72_76_01; // "AuthSrv" + 1

    /// <summary>
    /// Waits as long as another node's start-up takes (a migration of a large table may take minutes),
    /// polling rather than blocking in one command, which the command timeout would cut short.
    /// </summary>
    public static async Task<IAsyncDisposable> AcquireAsync(AuthDbContext db, bool createDatabase, ILogger logger,
        CancellationToken cancellationToken)
    {
        if (!db.Database.IsNpgsql())
        {
            return NoLock.Instance;
        }

        if (createDatabase)
        {
            await EnsureDatabaseExistsAsync(db, cancellationToken);
        }

        await db.Database.OpenConnectionAsync(cancellationToken);
        for (var attempt = 0; !await TryLockAsync(db, cancellationToken); attempt++)
        {
            if (attempt == 0)
            {
                logger.WaitingForAnotherNodesStartup();
            }

            await Task.Delay(TimeSpan.FromMilliseconds(250), cancellationToken);
        }

        return new Held(db);
    }

    private static async Task<bool> TryLockAsync(AuthDbContext db, CancellationToken cancellationToken) =>
        (await db.Database.SqlQueryRaw<bool>($"SELECT pg_try_advisory_lock({LockKey}) AS \"Value\"").ToListAsync(cancellationToken)).Single();

    /// <summary>The lock needs a connection to the database itself, so a fresh database is created first (only when this node migrates); a node that loses that race goes on.</summary>
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
