using Microsoft.EntityFrameworkCore;

namespace AuthServer.Storage;

public static class StoreTuning
{
    /// <summary>SQLite in WAL mode lets token reads continue while another request writes.</summary>
    public static async Task ApplyAsync(AuthDbContext db, CancellationToken cancellationToken)
    {
        if (db.Database.IsSqlite())
        {
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
        }
    }
}
