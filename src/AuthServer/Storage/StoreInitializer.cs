using AuthServer.Clients;
using AuthServer.Keys;
using AuthServer.Options;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace AuthServer.Storage;

/// <summary>
/// Runs before the server listens: migrates the store, applies the configured clients and scopes,
/// and makes sure the keys exist and are loaded. A failure here stops the start.
/// </summary>
public sealed class StoreInitializer(IServiceScopeFactory scopes, KeyRing ring, IOptions<DatabaseOptions> database,
    ILogger<StoreInitializer> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using (var scope = scopes.CreateAsyncScope())
        {
            var services = scope.ServiceProvider;
            var db = services.GetRequiredService<AuthDbContext>();
            await using var startupLock = await StoreStartupLock.AcquireAsync(db, database.Value.MigrateOnStart, logger, cancellationToken);
            if (database.Value.MigrateOnStart)
            {
                db.Database.SetCommandTimeout(StoreProvider.MigrationCommandTimeout);
                await db.Database.MigrateAsync(cancellationToken);
                db.Database.SetCommandTimeout(null);
            }

            await StoreTuning.ApplyAsync(db, cancellationToken);
            await services.GetRequiredService<CatalogSynchronizer>().SynchronizeAsync(cancellationToken);
            await services.GetRequiredService<KeyManager>().MaintainAsync(cancellationToken);
        }

        await ring.RefreshAsync(cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
