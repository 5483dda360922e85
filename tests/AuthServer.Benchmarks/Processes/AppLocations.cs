using System.Reflection;

namespace AuthServer.Benchmarks.Processes;

/// <summary>
/// The dlls of the processes under test, built by this project's ProjectReferences in the same
/// configuration (paths baked in at build time, see the csproj), and the dotnet host that runs them.
/// </summary>
public static class AppLocations
{
    public static string AuthServer => Dll("AuthServerDll");

    public static string SampleApi => Dll("SampleApiDll");

    public static string BubbleSimulator => Dll("BubbleSimulatorDll");

    /// <summary>This harness itself, started again as the baseline server.</summary>
    public static string Harness => typeof(AppLocations).Assembly.Location;

    public static string Configuration => Metadata("BuildConfiguration");

    /// <summary>The dotnet that runs us (set by the SDK for `dotnet run`), else the one on PATH.</summary>
    public static string DotnetHost =>
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host
        : Environment.ProcessPath is { } self && Path.GetFileNameWithoutExtension(self) == "dotnet" ? self
        : "dotnet";

    private static string Dll(string key)
    {
        var path = Path.GetFullPath(Metadata(key));
        return File.Exists(path)
            ? path
            : throw new FileNotFoundException($"{path} is missing; run the harness with `dotnet run -c Release --project tests/AuthServer.Benchmarks`, which builds it.");
    }

    private static string Metadata(string key) =>
        typeof(AppLocations).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == key).Value
        ?? throw new InvalidOperationException($"Assembly metadata {key} is empty.");
}
