using System.Text.Json;
using Microsoft.Extensions.Options;

namespace AuthServer.Options;

/// <summary>
/// Where a configured client's JWKS comes from: <c>Clients:N:Jwks</c> as JSON text (an environment variable), as a JSON
/// object written into appsettings.json (which configuration flattens into keys, rebuilt here), or the file named by
/// <c>Clients:N:JwksFile</c> (relative to the content root). The validator checks the result like any other key.
/// </summary>
public sealed class ClientKeySources(IConfiguration configuration, IHostEnvironment environment) : IPostConfigureOptions<CatalogOptions>
{
    public void PostConfigure(string? name, CatalogOptions options)
    {
        var sections = configuration.GetSection("Clients").GetChildren().ToList();
        for (var i = 0; i < options.Clients.Count && i < sections.Count; i++)
        {
            var client = options.Clients[i];
            var jwks = sections[i].GetSection(nameof(ClientDefinition.Jwks));
            if (string.IsNullOrWhiteSpace(client.Jwks) && jwks.GetChildren().Any())
            {
                client.Jwks = JsonSerializer.Serialize(Rebuild(jwks));
            }

            if (string.IsNullOrWhiteSpace(client.Jwks) && PathOf(client) is { } path && File.Exists(path))
            {
                client.Jwks = File.ReadAllText(path);
            }
        }
    }

    /// <summary>The file <c>JwksFile</c> names, resolved against the content root; null when none is named.</summary>
    public string? PathOf(ClientDefinition client) =>
        string.IsNullOrWhiteSpace(client.JwksFile) ? null : Path.GetFullPath(client.JwksFile, environment.ContentRootPath);

    // Every JWK member is a string or an array of strings (RFC 7517, RFC 7518), so the flattened keys rebuild it exactly:
    // a section whose children are 0, 1, 2 ... is an array.
    private static object? Rebuild(IConfigurationSection section)
    {
        var children = section.GetChildren().ToList();
        if (children.Count == 0)
        {
            return section.Value;
        }

        if (children.All(c => int.TryParse(c.Key, out _)))
        {
            return children.OrderBy(c => int.Parse(c.Key, System.Globalization.CultureInfo.InvariantCulture)).Select(Rebuild).ToList();
        }

        return children.ToDictionary(c => c.Key, Rebuild);
    }
}
