namespace AuthServer.Bubble;

/// <summary>Which version of a Bubble app a URL points at, as far as its shape tells.</summary>
public enum BubbleAppUrlKind
{
    /// <summary>Not an app's base URL; <see cref="BubbleAppUrlVerdict.Message"/> says why.</summary>
    Invalid,

    /// <summary><c>https://APP.bubbleapps.io</c> or a custom domain: the live database.</summary>
    Live,

    /// <summary><c>…/version-test</c>: the development database, with users of its own.</summary>
    VersionTest,

    /// <summary><c>…/version-NAME</c>: another development version; Bubble's documents name only live and version-test.</summary>
    OtherVersion,
}

/// <param name="NormalizedUrl">The spelling to store (as <see cref="BubbleAppUrl.TryNormalize"/> gives it); null when invalid.</param>
public sealed record BubbleAppUrlVerdict(BubbleAppUrlKind Kind, string? NormalizedUrl, bool CustomDomain, string Message)
{
    public bool IsAcceptable => Kind != BubbleAppUrlKind.Invalid;
}

/// <summary>
/// The wizard's shape check of a Bubble app URL (shared/BUBBLE-FACTS.md: live is <c>https://APP.bubbleapps.io</c>
/// or a custom domain, development is the same followed by <c>/version-test</c>, and the two have separate users).
/// It catches the usual slips: the editor's address, a pasted workflow URL, http, a path that is no version.
/// Loopback http is accepted, for a local Bubble simulator, only with <c>Bubble:AllowPrivateAddresses</c>
/// (<see cref="BubbleAddresses"/>); the host name's addresses are checked where the client is saved.
/// </summary>
public static class BubbleAppUrlCheck
{
    private const string BubbleAppsDomain = "bubbleapps.io";

    /// <param name="allowPrivateAddresses"><c>Bubble:AllowPrivateAddresses</c>: when false, https on a public host name only.</param>
    public static BubbleAppUrlVerdict Check(string? value, bool allowPrivateAddresses)
    {
        if (!BubbleAppUrl.TryNormalize(value, out var url))
        {
            return Invalid("Enter the app's address, such as https://yourapp.bubbleapps.io or https://yourapp.bubbleapps.io/version-test, "
                + "without query or fragment.");
        }

        var uri = new Uri(url);
        var host = uri.IdnHost;
        if (uri.Scheme != Uri.UriSchemeHttps && !uri.IsLoopback)
        {
            return Invalid($"Bubble serves apps over https only: use https://{uri.Authority}{uri.AbsolutePath.TrimEnd('/')}.");
        }

        if (BubbleAddresses.CheckShape(uri, allowPrivateAddresses) is { } notPublic)
        {
            return Invalid($"A Bubble app's address {notPublic}.");
        }

        if (host is "bubble.io" or "www.bubble.io" || host.EndsWith(".bubble.io", StringComparison.Ordinal))
        {
            return Invalid("This is the Bubble editor's address, not your app's: use https://yourapp.bubbleapps.io "
                + "(with /version-test for the development version).");
        }

        if (host == BubbleAppsDomain)
        {
            return Invalid("The app's name is missing: use https://yourapp.bubbleapps.io.");
        }

        var path = uri.AbsolutePath.Trim('/');
        if (path.Contains("api/1.1", StringComparison.OrdinalIgnoreCase))
        {
            return Invalid("Enter the app's address only, without /api/1.1/…: AuthServer adds the workflow's path itself.");
        }

        var custom = !host.EndsWith("." + BubbleAppsDomain, StringComparison.Ordinal);
        var where = !custom ? "a bubbleapps.io address"
            : uri.IsLoopback || uri.HostNameType is UriHostNameType.IPv4 or UriHostNameType.IPv6 ? "an IP or local address (a stand-in for Bubble, such as the simulator)"
            : "a custom domain";
        return path switch
        {
            "" => new(BubbleAppUrlKind.Live, url, custom,
                $"The live version, at {where}: its users and tokens are live's, not version-test's."),
            "version-test" => new(BubbleAppUrlKind.VersionTest, url, custom,
                $"The development version (version-test), at {where}: its users and tokens are its own, not live's."),
            _ when path.StartsWith("version-", StringComparison.Ordinal) && path.Length > "version-".Length && !path.Contains('/') => new(BubbleAppUrlKind.OtherVersion, url, custom,
                $"A development version other than version-test ({path}), at {where}. Bubble documents live and version-test; "
                + "make sure this version exists, and that its users log in there."),
            _ => Invalid($"An app's address has no path other than /version-test; /{path} is not one. "
                + "Enter the domain alone for live."),
        };
    }

    private static BubbleAppUrlVerdict Invalid(string message) => new(BubbleAppUrlKind.Invalid, null, false, message);
}
