using AuthServer.Bubble;
using AuthServer.Clients;
using AuthServer.Options;
using Microsoft.Extensions.Options;
using OpenIddict.Abstractions;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace AuthServer.Administration.Clients;

/// <summary>The rules configuration follows (<see cref="ClientRules"/>), with the scopes this server knows.</summary>
public sealed class ClientValidation(IOpenIddictScopeManager scopes, IOptions<CatalogOptions> catalog, ClientCatalogReader clients,
    IOptions<BubbleOptions> bubble, IOptions<AuthOptions> auth)
{
    /// <summary><c>Bubble:AllowPrivateAddresses</c>, for the forms' own shape check of a Bubble app URL.</summary>
    public bool AllowPrivateAddresses => bubble.Value.AllowPrivateAddresses == true;

    /// <param name="fieldName">The caller's name of a field (and list index); by default that under <c>Clients:N</c>.</param>
    public async Task<List<string>> CheckAsync(ClientDefinition client, Func<string, int?, string>? fieldName,
        CancellationToken cancellationToken)
    {
        var known = await KnownScopesAsync(cancellationToken);
        var name = fieldName ?? ClientDefinitions.ConfigurationName;
        var allowPrivateAddresses = AllowPrivateAddresses;
        List<string> problems = [.. ClientRules.Check(client, name, known.Contains, allowPrivateAddresses),
            .. ClientRules.CheckAccessTokenLifetime(client, name, auth.Value.AccessTokenLifetime)];
        // The rules see the URL as written; here (console, wizard, CLI) its name is resolved too.
        if (problems.Count == 0 && !allowPrivateAddresses && BubbleAppUrl.TryNormalize(client.BubbleAppUrl, out var url)
            && await BubbleAddresses.CheckAsync(new Uri(url), allowPrivateAddresses, cancellationToken) is { } problem)
        {
            problems.Add($"{name("BubbleAppUrl", null)} {problem}.");
        }

        if (problems.Count == 0)
        {
            // Against every other client, stored or declared: the store and the next start must both stay valid.
            problems.AddRange(ClientRules.CheckAgainstCatalog(client, name,
                await clients.ReadAsync(withConfiguration: true, cancellationToken)));
        }

        return problems;
    }

    /// <summary>The scopes a client may be given, as a form offers them.</summary>
    public async Task<IReadOnlySet<string>> KnownScopesAsync(CancellationToken cancellationToken)
    {
        // Configured scopes count too: the server applies them at its next start, as it does at every start.
        var known = new SortedSet<string>(StringComparer.Ordinal) { Scopes.OfflineAccess };
        known.UnionWith(catalog.Value.Scopes.Select(s => s.Name));
        await foreach (var scope in scopes.ListAsync(count: null, offset: null, cancellationToken))
        {
            known.Add((await scopes.GetNameAsync(scope, cancellationToken))!);
        }

        return known;
    }
}
