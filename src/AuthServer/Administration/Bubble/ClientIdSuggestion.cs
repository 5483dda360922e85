using AuthServer.Bubble;

namespace AuthServer.Administration.Bubble;

/// <summary>
/// A client id named after the app: <c>myapp</c> for https://myapp.bubbleapps.io, <c>myapp-test</c> for its
/// version-test (live and version-test need a client each, as they have separate users).
/// </summary>
public static class ClientIdSuggestion
{
    public static string For(BubbleAppUrlVerdict verdict)
    {
        if (verdict.NormalizedUrl is not { } url)
        {
            return "bubble-app";
        }

        var uri = new Uri(url);
        var name = uri.IsLoopback ? "local-bubble-app"
            : verdict.CustomDomain ? uri.IdnHost.Replace('.', '-')
            : uri.IdnHost[..uri.IdnHost.IndexOf('.', StringComparison.Ordinal)];
        var suggestion = verdict.Kind switch
        {
            BubbleAppUrlKind.VersionTest => name + "-test",
            BubbleAppUrlKind.OtherVersion => name + "-" + uri.AbsolutePath.Trim('/')["version-".Length..],
            _ => name,
        };

        // An app named like a Bubble id (123x456.bubbleapps.io) must not suggest an id the rules refuse.
        return BubbleIds.HasBubbleShape(suggestion) ? "app-" + suggestion : suggestion;
    }
}
