using AuthServer.Logging;
using AuthServer.Options;
using Microsoft.Extensions.Options;
using OpenIddict.Abstractions;

namespace AuthServer.Clients;

/// <summary>
/// Applies the configured scopes and clients to the store at every start: adds what is new,
/// updates what changed, never duplicates. Clients created with the CLI are left alone.
/// </summary>
public sealed class CatalogSynchronizer(
    IOpenIddictApplicationManager applications,
    IOpenIddictScopeManager scopes,
    IOptions<CatalogOptions> catalog,
    ILogger<CatalogSynchronizer> logger)
{
    public async Task SynchronizeAsync(CancellationToken cancellationToken)
    {
        foreach (var scope in catalog.Value.Scopes)
        {
            await SynchronizeScopeAsync(scope, cancellationToken);
        }

        foreach (var client in catalog.Value.Clients)
        {
            foreach (var warning in ClientRules.Warnings(client))
            {
                logger.ClientDefinitionWarning(client.ClientId, warning);
            }

            var descriptor = ClientDescriptorFactory.Create(client);
            var existing = await applications.FindByClientIdAsync(client.ClientId, cancellationToken);
            if (existing is null)
            {
                await applications.CreateAsync(descriptor, cancellationToken);
                logger.ClientCreated(client.ClientId, "configuration");
            }
            else
            {
                await applications.UpdateAsync(existing, descriptor, cancellationToken);
                logger.ClientUpdated(client.ClientId, "configuration");
            }
        }
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
