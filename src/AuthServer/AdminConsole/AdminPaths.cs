using System.Text;
using System.Text.RegularExpressions;

namespace AuthServer.AdminConsole;

/// <summary>Where the console lives: every page, asset and cookie is under <see cref="Root"/>.</summary>
public static partial class AdminPaths
{
    public const string Root = "/admin";
    public const string SignIn = "/admin/SignIn";
    public const string SignOut = "/admin/SignOut";

    public static bool IsAdmin(PathString path) => path.StartsWithSegments(Root, StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// Where a sign-in returns to: <paramref name="returnUrl"/> when it is a path under <see cref="Root"/> on this
    /// server, otherwise the console's root. A path only (<c>/admin/…</c>): no <c>~/</c>, no scheme or host, no
    /// <c>//</c> or backslash (which browsers read as another host or a slash), no <c>..</c> segment, plain or escaped (which they
    /// resolve out of <c>/admin</c>), no control character; other characters a header cannot carry are percent-encoded.
    /// </summary>
    public static string ReturnDestination(string? returnUrl) =>
        returnUrl is ['/', not '/', ..] && !returnUrl.Contains('\\') && !returnUrl.Contains("/..", StringComparison.Ordinal)
        && !returnUrl.Contains("%2e", StringComparison.OrdinalIgnoreCase)
        && !returnUrl.Any(char.IsControl)
        && IsAdmin(new PathString(returnUrl.Split('?', '#')[0]))
            ? EscapeForHeader(returnUrl)
            : Root;

    /// <summary>
    /// A <c>Location</c> header carries visible ASCII only (Kestrel answers anything else with a 500): a space and
    /// any other character (é, €, an emoji) travel as their UTF-8 bytes, percent-encoded, as a browser would send them.
    /// A lone surrogate becomes U+FFFD. Escaped bytes are a space or 0x80 and above: never a <c>.</c>, <c>/</c> or
    /// backslash, so the checks above still hold for what the browser resolves.
    /// </summary>
    private static string EscapeForHeader(string url) =>
        NotVisibleAscii().Replace(url, match => string.Concat(Encoding.UTF8.GetBytes(match.Value).Select(b => $"%{b:X2}")));

    [GeneratedRegex("[^\\x21-\\x7E]+")]
    private static partial Regex NotVisibleAscii();
}
