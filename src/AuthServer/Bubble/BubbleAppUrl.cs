namespace AuthServer.Bubble;

/// <summary>A Bubble app's base URL (live, version-test or custom domain) in one canonical spelling.</summary>
public static class BubbleAppUrl
{
    /// <summary>Lower-cases scheme and host and drops a trailing slash, so two spellings of one app compare equal.</summary>
    public static bool TryNormalize(string? value, out string normalized)
    {
        normalized = "";
        if (!Uri.TryCreate(value?.Trim(), UriKind.Absolute, out var uri)
            || uri.Scheme is not ("https" or "http") || uri.Query.Length > 0 || uri.Fragment.Length > 0
            || !string.IsNullOrEmpty(uri.UserInfo))
        {
            return false;
        }

        normalized = uri.GetLeftPart(UriPartial.Path).TrimEnd('/');
        return true;
    }
}
