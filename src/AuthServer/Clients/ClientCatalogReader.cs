using AuthServer.Options;
using Microsoft.Extensions.Options;
using OpenIddict.Abstractions;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace AuthServer.Clients;

/// <summary>
/// Reads the <see cref="ClientCatalogView"/> of the store (every node's truth), optionally with what configuration
/// declares but the next start has yet to apply; for the administration's rules and the issuance check.
/// </summary>
public sealed class ClientCatalogReader(
    IOpenIddictApplicationManager applications,
    IOpenIddictScopeManager scopes,
    IOptions<CatalogOptions> catalog,
    IOptions<BubbleOptions> bubble)
{
    /// <param name="replacing">A scope change to judge before it is made: the view as it would be with that scope's resources.</param>
    public async Task<ClientCatalogView> ReadAsync(bool withConfiguration, CancellationToken cancellationToken,
        (string Name, IReadOnlyCollection<string> Resources)? replacing = null)
    {
        var resources = new Dictionary<string, IReadOnlyCollection<string>>(StringComparer.Ordinal);
        await foreach (var scope in scopes.ListAsync(count: null, offset: null, cancellationToken))
        {
            resources[(await scopes.GetNameAsync(scope, cancellationToken))!] = await scopes.GetResourcesAsync(scope, cancellationToken);
        }

        if (replacing is var (replacedName, replacedResources))
        {
            resources[replacedName] = replacedResources;
        }

        var bindings = new Dictionary<string, AudienceBinding?>(StringComparer.Ordinal);
        if (withConfiguration)
        {
            foreach (var scope in catalog.Value.Scopes)
            {
                resources[scope.Name] = scope.Resources;
            }

            foreach (var client in catalog.Value.Clients)
            {
                bindings[client.ClientId] = AudienceBinding.Of(client, ResourcesOf);
            }
        }

        await foreach (var application in applications.ListAsync(count: null, offset: null, cancellationToken))
        {
            var client = await ClientPolicy.FromApplicationAsync(applications, application, cancellationToken);
            if (!bindings.ContainsKey(client.ClientId) && client.MayUseGrant(GrantTypes.TokenExchange) && client.BubbleAppUrl is { } url)
            {
                bindings[client.ClientId] = new AudienceBinding(client.ClientId, url,
                    new HashSet<string>(client.DefaultScopes.SelectMany(ResourcesOf), AudienceNames.Comparer));
            }
        }

        return new ClientCatalogView(resources, [.. bindings.Values.OfType<AudienceBinding>()], bubble.Value.SharedAudiences);

        IEnumerable<string> ResourcesOf(string scope) => resources.TryGetValue(scope, out var found) ? found : [];
    }
}
