using Microsoft.Extensions.Options;

namespace AuthServer.Options;

/// <summary>Checks the configured clients and scopes; each failure names the exact key.</summary>
public sealed class CatalogOptionsValidator : IValidateOptions<CatalogOptions>
{
    public ValidateOptionsResult Validate(string? name, CatalogOptions options)
    {
        var failures = new List<string>();
        var scopeNames = new HashSet<string>(StringComparer.Ordinal) { OpenIddict.Abstractions.OpenIddictConstants.Scopes.OfflineAccess };

        for (var i = 0; i < options.Scopes.Count; i++)
        {
            var scope = options.Scopes[i];
            if (string.IsNullOrWhiteSpace(scope.Name) || scope.Name.Any(char.IsWhiteSpace))
            {
                failures.Add($"Scopes:{i}:Name must be a non-empty name without spaces.");
            }
            else if (!scopeNames.Add(scope.Name))
            {
                failures.Add($"Scopes:{i}:Name '{scope.Name}' is declared twice.");
            }
        }

        var clientIds = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < options.Clients.Count; i++)
        {
            ValidateClient(options.Clients[i], $"Clients:{i}", scopeNames, clientIds, failures);
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void ValidateClient(ClientDefinition client, string key, HashSet<string> scopeNames,
        HashSet<string> clientIds, List<string> failures)
    {
        if (string.IsNullOrWhiteSpace(client.ClientId))
        {
            failures.Add($"{key}:ClientId is required.");
        }
        else if (!clientIds.Add(client.ClientId))
        {
            failures.Add($"{key}:ClientId '{client.ClientId}' is declared twice.");
        }

        if (client.GrantTypes.Count == 0)
        {
            failures.Add($"{key}:GrantTypes needs at least one of {GrantNames.Expected}.");
        }
        for (var g = 0; g < client.GrantTypes.Count; g++)
        {
            if (!GrantNames.ToProtocol.ContainsKey(client.GrantTypes[g]))
            {
                failures.Add($"{key}:GrantTypes:{g} '{client.GrantTypes[g]}' is not a grant type; expected {GrantNames.Expected}.");
            }
        }

        if (client.GrantTypes.Contains(GrantNames.ClientCredentials) && string.IsNullOrEmpty(client.ClientSecret))
        {
            failures.Add($"{key}:ClientSecret is required for the client_credentials grant.");
        }

        for (var s = 0; s < client.Scopes.Count; s++)
        {
            if (!scopeNames.Contains(client.Scopes[s]))
            {
                failures.Add($"{key}:Scopes:{s} '{client.Scopes[s]}' is not declared under Scopes.");
            }
        }

        var exchanges = client.GrantTypes.Contains(GrantNames.TokenExchange);
        if (exchanges && string.IsNullOrWhiteSpace(client.BubbleAppUrl))
        {
            failures.Add($"{key}:BubbleAppUrl is required for a token_exchange client.");
        }
        else if (client.BubbleAppUrl is { Length: > 0 } url && !Bubble.BubbleAppUrl.TryNormalize(url, out _))
        {
            failures.Add($"{key}:BubbleAppUrl '{url}' must be an absolute http(s) URL without query or fragment.");
        }
    }
}
