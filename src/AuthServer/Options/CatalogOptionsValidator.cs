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

        var clientIds = new HashSet<string>(StringComparer.Ordinal);
        // Only the URL's shape here (https, no private address written out): a start must not hang on DNS. Every
        // call checks the address it connects to (BubbleAddresses.ConnectAsync).
        var allowPrivateAddresses = BubbleOptionsDefaults.Read(configuration, environment);
        for (var i = 0; i < options.Clients.Count; i++)
        {
            ValidateClient(options.Clients[i], KeyOf(clientKeys, "Clients", i), scopeNames, clientIds, failures, allowPrivateAddresses);
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static string KeyOf(List<string> keys, string section, int index) =>
        index < keys.Count ? keys[index] : $"{section}:{index}";

    private static void ValidateClient(ClientDefinition client, string key, HashSet<string> scopeNames,
        HashSet<string> clientIds, List<string> failures, bool allowPrivateAddresses)
    {
        if (!string.IsNullOrWhiteSpace(client.ClientId) && !clientIds.Add(client.ClientId))
        {
            failures.Add($"{key}:ClientId '{client.ClientId}' is declared twice.");
        }

        failures.AddRange(ClientRules.Check(client, (field, index) => index is null ? $"{key}:{field}" : $"{key}:{field}:{index}",
            scopeNames.Contains, allowPrivateAddresses));
    }
}
