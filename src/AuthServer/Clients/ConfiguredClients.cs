using Microsoft.Extensions.Configuration.CommandLine;
using Microsoft.Extensions.Configuration.EnvironmentVariables;
using Microsoft.Extensions.Configuration.Memory;

namespace AuthServer.Clients;

/// <summary>Where configuration declares a client: the source that supplies its id, and the entry's key.</summary>
public sealed record ConfigurationOrigin(string Source, string Key)
{
    public override string ToString() => $"{Source} / {Key}";
}

/// <summary>
/// Finds the <c>Clients</c> entries of this process's configuration, which <see cref="CatalogSynchronizer"/>
/// applies at every start: such a client is not to be edited in the store, since the next start overwrites it.
/// </summary>
public sealed class ConfiguredClients(IConfiguration configuration)
{
    public const string Section = "Clients";

    /// <summary>The entry declaring <paramref name="clientId"/>, or null when configuration does not.</summary>
    public ConfigurationOrigin? Find(string clientId)
    {
        // Read per call: configuration files may be reloaded while the server runs.
        var entry = configuration.GetSection(Section).GetChildren()
            .FirstOrDefault(c => string.Equals(c["ClientId"], clientId, StringComparison.Ordinal));
        return entry is null ? null : new ConfigurationOrigin(SourceOf(configuration, entry.Path + ":ClientId") ?? "configuration", entry.Path);
    }

    // The last provider holding a key wins, as when configuration is read.
    internal static string? SourceOf(IConfiguration configuration, string key)
    {
        if (configuration is not IConfigurationRoot root)
        {
            return null;
        }

        foreach (var provider in root.Providers.Reverse())
        {
            if (provider is ChainedConfigurationProvider { Configuration: var inner } && SourceOf(inner, key) is { } nested)
            {
                return nested;
            }

            if (provider.TryGet(key, out _))
            {
                return Describe(provider);
            }
        }

        return null;
    }

    private static string Describe(IConfigurationProvider provider) => provider switch
    {
        FileConfigurationProvider file => file.Source.Path ?? "a configuration file",
        EnvironmentVariablesConfigurationProvider => "environment variables",
        CommandLineConfigurationProvider => "the command line",
        MemoryConfigurationProvider => "in-memory settings",
        _ => provider.GetType().Name,
    };
}
