using Microsoft.Extensions.FileProviders;

namespace AuthServer.AdminConsole;

/// <summary>
/// The console's stylesheet and script (<c>wwwroot/admin</c>), embedded in the assembly and served at
/// <c>/admin/admin.css</c> and <c>/admin/admin.js</c> whatever the content root is: a published app, a build
/// folder, or a test's temporary folder. Nothing is loaded from another origin.
/// </summary>
public static class AdminAssets
{
    // The logical names given to the files in AuthServer.csproj.
    private const string ResourcePrefix = "AuthServer.AdminAssets";

    public static StaticFileOptions Options { get; } = new()
    {
        FileProvider = new EmbeddedFileProvider(typeof(AdminAssets).Assembly, ResourcePrefix),
        RequestPath = AdminPaths.Root,
    };
}
