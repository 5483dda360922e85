using AuthServer.Storage;
using Microsoft.EntityFrameworkCore;

namespace AuthServer.Cli;

public static class MigrateCommand
{
    public static async Task<int> RunAsync(CliContext context)
    {
        var db = context.Get<AuthDbContext>();
        var pending = (await db.Database.GetPendingMigrationsAsync()).ToList();
        db.Database.SetCommandTimeout(StoreProvider.MigrationCommandTimeout);
        await db.Database.MigrateAsync();
        await StoreTuning.ApplyAsync(db, CancellationToken.None);
        await context.Console.Out.WriteLineAsync(pending.Count == 0
            ? "The store is up to date."
            : $"Applied {pending.Count} migration(s): {string.Join(", ", pending)}");
        return 0;
    }
}
