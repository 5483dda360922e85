
namespace AuthServer.Hosting;

public static class ContentRoot
{
    /// <summary>
    /// The working directory when it holds the configuration (dotnet run), else the folder of the
    /// binaries (a published build started from anywhere), so both read the same appsettings.json.
    /// </summary>
    public static string Resolve() =>
        File.Exists(Path.Combine(Directory.GetCurrentDirectory(), "appsettings.json"))
            ? Directory.GetCurrentDirectory()
            : AppContext.BaseDirectory;
}
