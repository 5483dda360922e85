using Microsoft.Extensions.Options;

namespace AuthServer.Options;

/// <summary>
/// Where a configured client's JWKS comes from: <c>Clients:N:Jwks</c> as JSON text, or the file named by
/// <c>Clients:N:JwksFile</c> (relative to the content root), read here. The validator checks the result like any other key.
/// </summary>
public sealed class ClientKeySources(IConfiguration configuration, IHostEnvironment environment) : IPostConfigureOptions<CatalogOptions>
{
    public void PostConfigure(string? name, CatalogOptions options)
    {
        var sections = configuration.GetSection("Clients").GetChildren().ToList();
        for (var i = 0; i < options.Clients.Count && i < sections.Count; i++)
        {
            var client = options.Clients[i];
            if (string.IsNullOrWhiteSpace(client.Jwks) && PathOf(client) is { } path && File.Exists(path))
            {
                client.Jwks = File.ReadAllText(path);
            }
        }
    }

    /// <summary>The file <c>JwksFile</c> names, resolved against the content root; null when none is named.</summary>
    public string? PathOf(ClientDefinition client) =>
        string.IsNullOrWhiteSpace(client.JwksFile) ? null : Path.GetFullPath(client.JwksFile, environment.ContentRootPath);
}
