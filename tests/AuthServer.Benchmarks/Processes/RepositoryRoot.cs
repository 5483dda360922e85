namespace AuthServer.Benchmarks.Processes;

/// <summary>The repository the harness was built from: the nearest folder above its dll holding AuthServer.sln (for tests/postgres/server.sh).</summary>
public static class RepositoryRoot
{
    private static readonly Lazy<string> Found = new(Find);

    public static string Path => Found.Value;

    private static string Find()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(folder.FullName, "AuthServer.sln")))
            {
                return folder.FullName;
            }
        }

        throw new FileNotFoundException($"No AuthServer.sln above {AppContext.BaseDirectory}; run the harness from its repository.");
    }
}
