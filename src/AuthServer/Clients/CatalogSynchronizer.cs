using AuthServer.Options;
using AuthServer.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using OpenIddict.Abstractions;
using AuthServer.Operations.Logging;

namespace AuthServer.Clients;

/// <summary>
/// Applies the configured scopes and clients to the store at every start: adds what is new,
/// updates what changed, never duplicates. Clients created with the CLI are left alone. Two nodes
/// applying the same entry at once (SQLite; PostgreSQL starts are serialised by <c>StoreStartupLock</c>)
/// collide on the unique name or the concurrency token, and the loser re-reads and applies it again.
/// </summary>
public sealed class CatalogSynchronizer(
    AuthDbContext db,
    IOpenIddictApplicationManager applications,
    IOpenIddictScopeManager scopes,
    IOptions<CatalogOptions> catalog,
    ILogger<CatalogSynchronizer> logger)
{
    public async Task SynchronizeAsync(CancellationToken cancellationToken)
    {
        foreach (var scope in catalog.Value.Scopes)
        {
            await RetryOnConflictAsync(() => SynchronizeScopeAsync(scope, cancellationToken));
        }

        foreach (var client in catalog.Value.Clients)
        {
            foreach (var warning in ClientRules.Warnings(client))
            {
                logger.ClientDefinitionWarning(client.ClientId, warning);
            }

            await RetryOnConflictAsync(() => SynchronizeClientAsync(client, cancellationToken));
        }
    }

    private async Task RetryOnConflictAsync(Func<Task> apply)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                await apply();
                return;
            }
            // OpenIddict itself refuses a name another node has just created (ValidationException), or the unique index does.
            catch (Exception ex) when (attempt < 2
                && ex is DbUpdateException or OpenIddictExceptions.ConcurrencyException or OpenIddictExceptions.ValidationException)
            {
                db.ChangeTracker.Clear();
            }
        }
    }

    private async Task SynchronizeClientAsync(ClientDefinition client, CancellationToken cancellationToken)
    {
        var descriptor = ClientDescriptorFactory.Create(client);
        var existing = await applications.FindByClientIdAsync(client.ClientId, cancellationToken);
        if (existing is null)
        {
            await applications.CreateAsync(descriptor, cancellationToken);
            logger.ClientCreated(client.ClientId, ChangeActors.Configuration);
        }
        else
        {
            await applications.UpdateAsync(existing, descriptor, cancellationToken);
            logger.ClientUpdated(client.ClientId, ChangeActors.Configuration);
        }

        // A configured client has exactly its configured secret: secrets added while it lived only in the store go.
        await db.ClientSecrets.Where(s => s.ClientId == client.ClientId).ExecuteDeleteAsync(cancellationToken);
    }

    private async Task SynchronizeScopeAsync(ScopeDefinition scope, CancellationToken cancellationToken)
    {
        var descriptor = new OpenIddictScopeDescriptor { Name = scope.Name, DisplayName = scope.Name };
        descriptor.Resources.UnionWith(scope.Resources);

        var existing = await scopes.FindByNameAsync(scope.Name, cancellationToken);
        if (existing is null)
        {
            await scopes.CreateAsync(descriptor, cancellationToken);
        }
        else
        {
            await scopes.UpdateAsync(existing, descriptor, cancellationToken);
        }
    }
}
