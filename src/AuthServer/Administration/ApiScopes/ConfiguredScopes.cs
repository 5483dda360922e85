using AuthServer.Clients;

namespace AuthServer.Administration.ApiScopes;

/// <summary>
/// Finds the <c>Scopes</c> entries of this process's configuration, which <see cref="CatalogSynchronizer"/> applies at
/// every start: such a scope is read-only here, since the next start would overwrite any edit.
/// </summary>
public sealed class ConfiguredScopes(IConfiguration configuration)
{
    public const string Section = "Scopes";

    /// <summary>The entry declaring <paramref name="name"/>, or null when configuration does not.</summary>
    public ConfigurationOrigin? Find(string name)
    {
        // Read per call: configuration files may be reloaded while the server runs.
        var entry = configuration.GetSection(Section).GetChildren()
            .FirstOrDefault(c => string.Equals(c["Name"], name, StringComparison.Ordinal));
        return entry is null
            ? null
            : new ConfigurationOrigin(ConfiguredClients.SourceOf(configuration, entry.Path + ":Name") ?? "configuration", entry.Path);
    }
}
