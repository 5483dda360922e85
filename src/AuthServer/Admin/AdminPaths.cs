namespace AuthServer.Admin;

/// <summary>Where the console lives: every page, asset and cookie is under <see cref="Root"/>.</summary>
public static class AdminPaths
{
    public const string Root = "/admin";
    public const string SignIn = "/admin/SignIn";
    public const string SignOut = "/admin/SignOut";

    public static bool IsAdmin(PathString path) => path.StartsWithSegments(Root, StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// Where a sign-in returns to: <paramref name="returnUrl"/> when it is a path under <see cref="Root"/> on this
    /// server, otherwise the console's root. A path only (<c>/admin/…</c>): no <c>~/</c>, no scheme or host, no
    /// <c>//</c> or backslash (which browsers read as another host or a slash), no <c>..</c> segment, plain or escaped (which they
    /// resolve out of <c>/admin</c>), no control character.
    /// </summary>
    public static string ReturnDestination(string? returnUrl) =>
        returnUrl is ['/', not '/', ..] && !returnUrl.Contains('\\') && !returnUrl.Contains("/..", StringComparison.Ordinal)
        && !returnUrl.Contains("%2e", StringComparison.OrdinalIgnoreCase)
        && !returnUrl.Any(char.IsControl)
        && IsAdmin(new PathString(returnUrl.Split('?', '#')[0]))
            ? returnUrl
            : Root;
}
