namespace AuthServer.Admin;

/// <summary>Where the console lives: every page, asset and cookie is under <see cref="Root"/>.</summary>
public static class AdminPaths
{
    public const string Root = "/admin";
    public const string SignIn = "/admin/SignIn";
    public const string SignOut = "/admin/SignOut";

    public static bool IsAdmin(PathString path) => path.StartsWithSegments(Root, StringComparison.OrdinalIgnoreCase);
}
