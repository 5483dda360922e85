using AuthServer.Clients;
using Microsoft.Extensions.Options;

namespace AuthServer.Options;

/// <summary>Checks the configured clients and scopes; each failure names the exact key.</summary>
public sealed class CatalogOptionsValidator(IConfiguration configuration, IHostEnvironment environment) : IValidateOptions<CatalogOptions>
{
    public ValidateOptionsResult Validate(string? name, CatalogOptions options)
    {
        var failures = new List<string>();
        // A list binds its entries in key order and renumbers them; report the key the operator wrote.
        var clientKeys = configuration.GetSection("Clients").GetChildren().Select(c => c.Path).ToList();
        var scopeKeys = configuration.GetSection("Scopes").GetChildren().Select(c => c.Path).ToList();
        var scopeNames = new HashSet<string>(StringComparer.Ordinal) { OpenIddict.Abstractions.OpenIddictConstants.Scopes.OfflineAccess };

        for (var i = 0; i < options.Scopes.Count; i++)
        {
            var scope = options.Scopes[i];
            if (string.IsNullOrWhiteSpace(scope.Name) || scope.Name.Any(char.IsWhiteSpace))
            {
                failures.Add($"{KeyOf(scopeKeys, "Scopes", i)}:Name must be a non-empty name without spaces.");
            }
            else if (!scopeNames.Add(scope.Name))
            {
                failures.Add($"{KeyOf(scopeKeys, "Scopes", i)}:Name '{scope.Name}' is declared twice.");
            }
        }

        var catalog = CatalogView(options);
        var clientIds = new HashSet<string>(StringComparer.Ordinal);
        // Only the URL's shape here (https, no private address written out): a start must not hang on DNS. Every
        // call checks the address it connects to (BubbleAddresses.ConnectAsync).
        var allowPrivateAddresses = BubbleOptionsDefaults.Read(configuration, environment);
        var maxAccessTokenLifetime = MaxAccessTokenLifetime();
        for (var i = 0; i < options.Clients.Count; i++)
        {
            ValidateClient(options.Clients[i], KeyOf(clientKeys, "Clients", i), scopeNames, clientIds, catalog, failures, allowPrivateAddresses);
            failures.AddRange(ClientRules.CheckAccessTokenLifetime(options.Clients[i],
                (field, _) => $"{KeyOf(clientKeys, "Clients", i)}:{field}", maxAccessTokenLifetime));
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    /// <summary>
    /// <c>Auth:AccessTokenLifetime</c> as configuration spells it (parsed as the binder does), read here rather than
    /// through <see cref="AuthOptions"/>, whose own validator reports a value it cannot use.
    /// </summary>
    private TimeSpan MaxAccessTokenLifetime() =>
        TimeSpan.TryParse(configuration[ClientRules.AccessTokenLifetimeMaximumKey], System.Globalization.CultureInfo.InvariantCulture, out var value)
            ? value
            : new AuthOptions().AccessTokenLifetime;

    private static string KeyOf(List<string> keys, string section, int index) =>
        index < keys.Count ? keys[index] : $"{section}:{index}";

    /// <summary>
    /// The configured scopes and token_exchange clients, and the audiences <c>Bubble:SharedAudiences</c> lets several
    /// Bubble apps share (read here from configuration, as <see cref="BubbleOptions"/> binds it, checked there).
    /// </summary>
    private ClientCatalogView CatalogView(CatalogOptions options)
    {
        var resources = options.Scopes.Where(s => !string.IsNullOrWhiteSpace(s.Name)).GroupBy(s => s.Name, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => (IReadOnlyCollection<string>)[.. g.SelectMany(s => s.Resources)], StringComparer.Ordinal);
        var bindings = options.Clients
            .Select(c => AudienceBinding.Of(c, scope => resources.TryGetValue(scope, out var r) ? r : []))
            .OfType<AudienceBinding>().ToList();
        var shared = configuration.GetSection(ClientRules.BubbleSharedAudiences).Get<List<string>>() ?? [];
        return new ClientCatalogView(resources, bindings, shared);
    }

    private void ValidateClient(ClientDefinition client, string key, HashSet<string> scopeNames,
        HashSet<string> clientIds, ClientCatalogView catalog, List<string> failures, bool allowPrivateAddresses)
    {
        if (!string.IsNullOrWhiteSpace(client.ClientId) && !clientIds.Add(client.ClientId))
        {
            failures.Add($"{key}:ClientId '{client.ClientId}' is declared twice.");
        }

        Func<string, int?, string> name = (field, index) => index is null ? $"{key}:{field}" : $"{key}:{field}:{index}";
        if (!string.IsNullOrWhiteSpace(client.JwksFile))
        {
            if (configuration.GetSection($"{key}:Jwks") is { } inline && (inline.Value is { Length: > 0 } || inline.GetChildren().Any()))
            {
                failures.Add($"{key}:Jwks and {key}:JwksFile are both set: keep one.");
                return;
            }

            var path = Path.GetFullPath(client.JwksFile, environment.ContentRootPath);
            if (!File.Exists(path))
            {
                failures.Add($"{key}:JwksFile: no file at {path}.");
                return;
            }
        }

        failures.AddRange(ClientRules.Check(client, name, scopeNames.Contains, allowPrivateAddresses, storedScopesCount: false));
        failures.AddRange(ClientRules.CheckAgainstCatalog(client, name, catalog));
    }
}
