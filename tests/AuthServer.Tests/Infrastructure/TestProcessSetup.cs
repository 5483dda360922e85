using System.Runtime.CompilerServices;

namespace AuthServer.Tests.Infrastructure;

internal static class TestProcessSetup
{
    /// <summary>
    /// Dozens of hosts start in this one process; each would watch its appsettings files for changes,
    /// and inotify instances are limited per user (128 by default on Linux). Tests never edit those files.
    /// </summary>
    [ModuleInitializer]
    internal static void DisableConfigurationFileWatching() =>
        Environment.SetEnvironmentVariable("DOTNET_hostBuilder__reloadConfigOnChange", "false");
}
