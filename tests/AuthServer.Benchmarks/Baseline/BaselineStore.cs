using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace AuthServer.Benchmarks.Baseline;

/// <summary>A refresh-token row, reduced to what a rotation must read and write.</summary>
public sealed class ChainToken
{
    public string Id { get; set; } = "";

    public string ChainId { get; set; } = "";

    public string Subject { get; set; } = "";

    public string Status { get; set; } = "";

    public DateTime CreatedAt { get; set; }

    public DateTime? RedeemedAt { get; set; }
}

public sealed class BaselineDbContext(DbContextOptions<BaselineDbContext> options) : DbContext(options)
{
    public DbSet<ChainToken> Tokens => Set<ChainToken>();
}

/// <summary>
/// Per physical connection: a busy timeout, so that concurrent writers wait inside SQLite rather than in
/// Microsoft.Data.Sqlite's 150 ms retry sleep, and the chosen synchronous level (the database is in WAL).
/// </summary>
public sealed class SqlitePragmas(string synchronous) : DbConnectionInterceptor
{
    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancel = default)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = $"PRAGMA busy_timeout=5000; PRAGMA synchronous={synchronous};";
        await command.ExecuteNonQueryAsync(cancel);
    }
}
