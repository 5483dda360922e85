using System.Data.Common;
using AuthServer.Options;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace AuthServer.Hosting;

/// <summary>
/// Per-connection SQLite settings, applied each time a connection opens: a busy timeout, so a
/// writer waits for the lock inside SQLite (fine-grained) instead of Microsoft.Data.Sqlite's
/// 150 ms sleeps, and the configured <c>synchronous</c> level (WAL journal mode is set once per file).
/// </summary>
public sealed class SqliteConnectionTuning(string synchronous) : DbConnectionInterceptor
{
    private readonly string _pragmas = $"PRAGMA busy_timeout=5000; PRAGMA synchronous={synchronous.ToUpperInvariant()};";

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        using var command = connection.CreateCommand();
        command.CommandText = _pragmas;
        command.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData,
        CancellationToken cancellationToken = default)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = _pragmas;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public static SqliteConnectionTuning For(DatabaseOptions options) => new(options.SqliteSynchronous);
}
