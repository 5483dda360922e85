using System.Data.Common;
using System.Runtime.CompilerServices;
using AuthServer.Options;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;
using SQLitePCL;

namespace AuthServer.Storage;

/// <summary>
/// Per-connection SQLite settings: a busy timeout, so a writer waits for the lock inside SQLite
/// (fine-grained) instead of Microsoft.Data.Sqlite's 150 ms sleeps, and the configured
/// <c>synchronous</c> level (WAL journal mode is set once per file). Both belong to the native
/// connection and outlive its trips through Microsoft.Data.Sqlite's pool, so they are set once per
/// native connection, not on each of the several opens a request makes.
/// </summary>
public sealed class SqliteConnectionTuning(string synchronous) : DbConnectionInterceptor
{
    private readonly string _pragmas = $"PRAGMA busy_timeout=5000; PRAGMA synchronous={synchronous.ToUpperInvariant()};";
    private readonly ConditionalWeakTable<sqlite3, object> _tuned = new();

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        if (IsNew(connection))
        {
            using var command = connection.CreateCommand();
            command.CommandText = _pragmas;
            command.ExecuteNonQuery();
            Remember(connection);
        }
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData,
        CancellationToken cancellationToken = default)
    {
        if (IsNew(connection))
        {
            await using var command = connection.CreateCommand();
            command.CommandText = _pragmas;
            await command.ExecuteNonQueryAsync(cancellationToken);
            Remember(connection);
        }
    }

    public static SqliteConnectionTuning For(DatabaseOptions options) => new(options.SqliteSynchronous);

    private bool IsNew(DbConnection connection) =>
        connection is not SqliteConnection { Handle: { } handle } || !_tuned.TryGetValue(handle, out _);

    private void Remember(DbConnection connection)
    {
        if (connection is SqliteConnection { Handle: { } handle })
        {
            _tuned.AddOrUpdate(handle, this);
        }
    }
}
