using AuthServer.Bubble;

namespace AuthServer.Administration.Bubble;

/// <summary>
/// Whether Bubble's servers can call this AuthServer: the API Connector runs on Bubble's servers, on the internet, so
/// a token endpoint on loopback, on a private address or over plain http fails at "Initialize call". Checked on the
/// address alone (no DNS): a warning, never a refusal, since a proxy may give a private-looking name a public face.
/// </summary>
public static class IssuerReachability
{
    /// <summary>Why Bubble cannot reach <paramref name="endpoint"/> (an absolute URL), or null when it can.</summary>
    public static string? Warning(string endpoint)
    {
        if (!Uri.TryCreate(endpoint, UriKind.Absolute, out var url))
        {
            return null;
        }

        // The same shape test that keeps Bubble app URLs on the public internet: https on a public host name.
        return BubbleAddresses.CheckShape(url, allowPrivateAddresses: false) is null
            ? null
            : $"Bubble's servers cannot reach {url.GetLeftPart(UriPartial.Authority)}: the API Connector calls from the "
                + "internet, and needs a public https address. Set Auth:Issuer to one (docs/deploying.md).";
    }
}
