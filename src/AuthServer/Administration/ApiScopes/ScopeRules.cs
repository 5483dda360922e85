using static OpenIddict.Abstractions.OpenIddictConstants;

namespace AuthServer.Administration.ApiScopes;

/// <summary>
/// What a scope managed with the CLI or the console may be called and grant. A name is an RFC 6749 §3.3 scope-token
/// (printable ASCII but space, <c>"</c> and <c>\</c>), so it travels in a <c>scope</c> parameter as typed; a resource
/// becomes a token's <c>aud</c>, so it follows the same alphabet. OpenIddict's and OpenID's own scopes are reserved:
/// <c>offline_access</c> is granted by the refresh_token grant, not by a scope of ours.
/// </summary>
public static class ScopeRules
{
    /// <summary>The width of OpenIddict's scope name column.</summary>
    public const int MaxNameLength = 200;

    public const int MaxResourceLength = 400;

    public static readonly IReadOnlySet<string> Reserved = new HashSet<string>(
        [Scopes.OfflineAccess, Scopes.OpenId, Scopes.Profile, Scopes.Email, Scopes.Phone, Scopes.Address, Scopes.Roles],
        StringComparer.OrdinalIgnoreCase);

    /// <param name="nameField">How the caller names the name (<c>NAME</c>, a form field).</param>
    /// <param name="resourceField">How the caller names a resource (<c>--resource</c>).</param>
    public static IEnumerable<string> Check(string name, IReadOnlyList<string> resources, string nameField, string resourceField)
    {
        if (!IsScopeToken(name, MaxNameLength))
        {
            yield return $"{nameField} '{Shown(name)}' must be 1 to {MaxNameLength} printable ASCII characters without spaces, '\"' or '\\'.";
        }
        else if (Reserved.Contains(name))
        {
            yield return $"{nameField} '{name}' is reserved (OpenID Connect or OpenIddict gives it its own meaning); choose another name.";
        }

        if (resources.Count == 0)
        {
            yield return $"{resourceField} is required: a scope grants at least one audience (the API that accepts its tokens).";
        }

        foreach (var resource in resources)
        {
            if (!IsScopeToken(resource, MaxResourceLength))
            {
                yield return $"{resourceField} '{Shown(resource)}' must be 1 to {MaxResourceLength} printable ASCII characters without spaces, '\"' or '\\'.";
            }
            else if (Reserved.Contains(resource))
            {
                yield return $"{resourceField} '{resource}' is a reserved scope name, not an API; name the API that accepts the tokens.";
            }
        }

        foreach (var twice in resources.GroupBy(r => r, StringComparer.Ordinal).Where(g => g.Count() > 1))
        {
            yield return $"{resourceField} '{twice.Key}' is given twice.";
        }
    }

    /// <summary>Whether <paramref name="name"/> could name a scope at all: looked up only then (PostgreSQL refuses a NUL).</summary>
    public static bool CanNameAScope(string name) => IsScopeToken(name, MaxNameLength);

    private static bool IsScopeToken(string value, int maxLength) =>
        value.Length is > 0 && value.Length <= maxLength && value.All(c => c is '!' or (>= '#' and <= '[') or (>= ']' and <= '~'));

    // Never echo a control character to a terminal or a page: replaced, and long input cut.
    private static string Shown(string value) =>
        new([.. value.Take(60).Select(c => char.IsControl(c) ? '?' : c)]);
}
