using System.Net.Http.Headers;
using System.Text;

namespace AuthServer.Benchmarks.Baseline;

/// <summary>
/// The client id of a Basic Authorization header. The secret is not verified: AuthServer may remember
/// verified secrets (issue 12), so the floor of its cost is reading the header, not hashing.
/// </summary>
public static class BasicCredentials
{
    public static string? ClientId(HttpRequest request)
    {
        if (!AuthenticationHeaderValue.TryParse(request.Headers.Authorization, out var header) || header.Parameter is null
            || !string.Equals(header.Scheme, "Basic", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var pair = Encoding.UTF8.GetString(Convert.FromBase64String(header.Parameter));
        var colon = pair.IndexOf(':', StringComparison.Ordinal);
        return colon < 0 ? null : pair[..colon];
    }
}
