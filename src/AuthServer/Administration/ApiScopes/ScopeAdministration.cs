using AuthServer.Administration.Audit;
using AuthServer.Clients;
using AuthServer.Operations.Logging;
using AuthServer.Options;
using AuthServer.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using OpenIddict.Abstractions;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace AuthServer.Administration.ApiScopes;

/// <summary>
/// Scope administration for the CLI and the console, in OpenIddict's scope store, where the configured scopes are
/// applied at every start too: token issuance (a scope's resources become <c>aud</c>) and the clients' rules read
/// both alike. A change is seen by every node within <see cref="Protocol.Token.ScopeResourceCache.Lifetime"/> (1 s;
/// <see cref="AudienceIsolation"/> rereads within the same second). Scopes declared in configuration are read-only
/// (<see cref="ScopeDeclaredInConfiguration"/>); a scope a client may still ask for is not removed
/// (<see cref="ScopeInUse"/>). Each change is one log line (1060–1062) and an audit row, never more than names.
/// </summary>
public sealed class ScopeAdministration(
    IOpenIddictScopeManager scopes,
    IOpenIddictApplicationManager applications,
    IOptions<CatalogOptions> catalog,
    ConfiguredScopes configured,
    ClientCatalogReader clients,
    AuthDbContext db,
    AdminAudit audit,
    ILogger<ScopeAdministration> logger)
{
    public const string CliNameField = "NAME";
    public const string CliResourceField = "--resource";

    /// <summary>Stored scopes, and configured ones the next start has yet to apply, by name.</summary>
    public async Task<IReadOnlyList<ScopeSummary>> ListAsync(CancellationToken cancellationToken = default)
    {
        var resources = new SortedDictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        await foreach (var scope in scopes.ListAsync(count: null, offset: null, cancellationToken))
        {
            resources[(await scopes.GetNameAsync(scope, cancellationToken))!] = [.. await scopes.GetResourcesAsync(scope, cancellationToken)];
        }

        foreach (var scope in catalog.Value.Scopes.Where(s => !resources.ContainsKey(s.Name)))
        {
            resources[scope.Name] = scope.Resources;
        }

        var uses = await UsesAsync(cancellationToken);
        return [.. resources.Select(r => Summary(r.Key, r.Value, uses))];
    }

    public async Task<ScopeSummary?> GetAsync(string name, CancellationToken cancellationToken = default) =>
        (await ListAsync(cancellationToken)).FirstOrDefault(s => s.Name == name);

    /// <param name="nameField">The caller's name of the name field; <paramref name="resourceField"/> likewise.</param>
    public async Task<ScopeOutcome> CreateAsync(string name, IReadOnlyList<string> resources, string actor,
        string nameField = CliNameField, string resourceField = CliResourceField, CancellationToken cancellationToken = default)
    {
        resources = Trimmed(resources);
        if (ScopeRules.Check(name, resources, nameField, resourceField).ToList() is { Count: > 0 } problems)
        {
            return new ScopeInvalid(problems);
        }

        if (configured.Find(name) is { } origin)
        {
            return new ScopeDeclaredInConfiguration(name, origin);
        }

        if (await scopes.FindByNameAsync(name, cancellationToken) is not null)
        {
            return new ScopeAlreadyExists(name);
        }

        if (await CheckAgainstClientsAsync(name, resources, resourceField, cancellationToken) is { Count: > 0 } conflicts)
        {
            return new ScopeInvalid(conflicts);
        }

        var descriptor = new OpenIddictScopeDescriptor { Name = name, DisplayName = name };
        descriptor.Resources.UnionWith(resources);
        try
        {
            await scopes.CreateAsync(descriptor, cancellationToken);
        }
        // Another operator created the same name a moment ago: OpenIddict's own check or the unique index refused it.
        catch (Exception ex) when (ex is OpenIddictExceptions.ValidationException or DbUpdateException)
        {
            db.ChangeTracker.Clear();
            if (await scopes.FindByNameAsync(name, cancellationToken) is null)
            {
                throw;
            }

            return new ScopeAlreadyExists(name);
        }

        var created = (await GetAsync(name, cancellationToken))!;
        logger.ScopeCreated(name, actor, string.Join(' ', resources));
        await audit.RecordRowAsync(actor, AuditActions.ScopeCreated, Detail(created), cancellationToken);
        return new ScopeCreated(created);
    }

    /// <summary>Replaces the resources (audiences) of a stored scope.</summary>
    public async Task<ScopeOutcome> UpdateAsync(string name, IReadOnlyList<string> resources, string actor,
        string nameField = CliNameField, string resourceField = CliResourceField, CancellationToken cancellationToken = default)
    {
        resources = Trimmed(resources);
        var (scope, refusal) = await FindChangeableAsync(name, cancellationToken);
        if (scope is null)
        {
            return refusal!;
        }

        if (ScopeRules.Check(name, resources, nameField, resourceField).ToList() is { Count: > 0 } problems)
        {
            return new ScopeInvalid(problems);
        }

        if (await CheckAgainstClientsAsync(name, resources, resourceField, cancellationToken) is { Count: > 0 } conflicts)
        {
            return new ScopeInvalid(conflicts);
        }

        var descriptor = new OpenIddictScopeDescriptor();
        await scopes.PopulateAsync(descriptor, scope, cancellationToken);
        descriptor.Resources.Clear();
        descriptor.Resources.UnionWith(resources);
        await scopes.UpdateAsync(scope, descriptor, cancellationToken);

        var updated = (await GetAsync(name, cancellationToken))!;
        logger.ScopeUpdated(name, actor, string.Join(' ', resources));
        await audit.RecordRowAsync(actor, AuditActions.ScopeUpdated, Detail(updated), cancellationToken);
        return new ScopeUpdated(updated);
    }

    public async Task<ScopeOutcome> DeleteAsync(string name, string actor, CancellationToken cancellationToken = default)
    {
        var (scope, refusal) = await FindChangeableAsync(name, cancellationToken);
        if (scope is null)
        {
            return refusal!;
        }

        // A client still holding the scope would keep asking for it and be refused (invalid_scope) from then on.
        if ((await UsesAsync(cancellationToken)).TryGetValue(name, out var users) && users.Count > 0)
        {
            return new ScopeInUse(name, users);
        }

        await scopes.DeleteAsync(scope, cancellationToken);
        logger.ScopeRemoved(name, actor);
        await audit.RecordRowAsync(actor, AuditActions.ScopeRemoved, name, cancellationToken);
        return new ScopeRemoved(name);
    }

    private async Task<(object? Scope, ScopeOutcome? Refusal)> FindChangeableAsync(string name, CancellationToken cancellationToken)
    {
        if (configured.Find(name) is { } origin)
        {
            return (null, new ScopeDeclaredInConfiguration(name, origin));
        }

        return ScopeRules.CanNameAScope(name) && await scopes.FindByNameAsync(name, cancellationToken) is { } scope
            ? (scope, null)
            : (null, new ScopeNotFound(name));
    }

    /// <summary>
    /// The rules between scopes and clients (<see cref="ClientRules.CheckAgainstCatalog"/>), from the scope's side: a
    /// resource is no client's id unless that client is the API's resource server, and with the new resources no audience
    /// is reached by token_exchange clients of two Bubble apps or versions, unless <c>Bubble:SharedAudiences</c> lists it.
    /// </summary>
    private async Task<List<string>> CheckAgainstClientsAsync(string name, IReadOnlyList<string> resources, string resourceField,
        CancellationToken cancellationToken)
    {
        var problems = new List<string>();
        foreach (var resource in resources)
        {
            if (await IsClientButNotItsResourceServerAsync(resource, cancellationToken))
            {
                problems.Add($"{resourceField} '{resource}' is the id of a client that is not declared as that API's resource server: "
                    + "it could introspect every token issued for it. Name the API differently, or declare the client as its resource server.");
            }
        }

        var view = await clients.ReadAsync(withConfiguration: true, cancellationToken, (name, resources));
        foreach (var binding in view.Bindings)
        {
            foreach (var audience in resources.Where(binding.Audiences.Contains))
            {
                if (view.OtherBindingReaching(audience, binding.ClientId, binding.Binding) is { } other)
                {
                    problems.Add($"{resourceField} '{audience}' would be reached by client '{binding.ClientId}' and by client "
                        + $"'{other.ClientId}' of another Bubble app or version ({other.Binding}): that API could not tell the two apps' "
                        + $"users apart. Give each app its own audience, or list it in {ClientRules.BubbleSharedAudiences}.");
                    return problems;
                }
            }
        }

        return problems;
    }

    private async Task<bool> IsClientButNotItsResourceServerAsync(string resource, CancellationToken cancellationToken)
    {
        if (catalog.Value.Clients.FirstOrDefault(c => c.ClientId == resource) is { } declared)
        {
            return !declared.ResourceServer;
        }

        return ClientRules.CanNameAClient(resource)
            && await applications.FindByClientIdAsync(resource, cancellationToken) is { } application
            && !(await ClientPolicy.FromApplicationAsync(applications, application, cancellationToken)).IsResourceServer;
    }

    /// <summary>Which clients, stored or configured, may ask for each scope.</summary>
    private async Task<Dictionary<string, List<string>>> UsesAsync(CancellationToken cancellationToken)
    {
        var uses = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var client in catalog.Value.Clients)
        {
            seen.Add(client.ClientId);
            foreach (var scope in client.Scopes)
            {
                Use(scope, client.ClientId);
            }
        }

        await foreach (var application in applications.ListAsync(count: null, offset: null, cancellationToken))
        {
            var client = await ClientPolicy.FromApplicationAsync(applications, application, cancellationToken);
            if (!seen.Add(client.ClientId))
            {
                continue;
            }

            foreach (var permission in client.Permissions.Where(p => p.StartsWith(Permissions.Prefixes.Scope, StringComparison.Ordinal)))
            {
                Use(permission[Permissions.Prefixes.Scope.Length..], client.ClientId);
            }
        }

        foreach (var users in uses.Values)
        {
            users.Sort(StringComparer.Ordinal);
        }

        return uses;

        void Use(string scope, string clientId)
        {
            if (!uses.TryGetValue(scope, out var users))
            {
                uses[scope] = users = [];
            }

            users.Add(clientId);
        }
    }

    private ScopeSummary Summary(string name, IReadOnlyList<string> resources, Dictionary<string, List<string>> uses) =>
        new(name, resources, uses.TryGetValue(name, out var users) ? users : [], configured.Find(name));

    private static string Detail(ScopeSummary scope) => $"{scope.Name}: resources {string.Join(',', scope.Resources)}";

    private static IReadOnlyList<string> Trimmed(IReadOnlyList<string> resources) =>
        [.. resources.Select(r => r.Trim()).Where(r => r.Length > 0)];
}
