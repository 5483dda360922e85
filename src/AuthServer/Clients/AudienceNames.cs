namespace AuthServer.Clients;

/// <summary>
/// When two audiences are one for an API that validates tokens: JwtBearer (Microsoft.IdentityModel) accepts an
/// audience that differs from its own only by a trailing slash (IgnoreTrailingSlashWhenValidatingAudience, on by
/// default), so "https://api.example.com" and "https://api.example.com/" must count as the same audience wherever
/// the audiences of different Bubble bindings are kept apart. Otherwise case and every other character matter, as
/// they do for JwtBearer, aws-jwt-verify and jose.
/// </summary>
public sealed class AudienceNames : IEqualityComparer<string>
{
    public static readonly AudienceNames Comparer = new();

    private AudienceNames()
    {
    }

    public bool Equals(string? x, string? y) =>
        x is null || y is null ? ReferenceEquals(x, y) : string.Equals(Canonical(x), Canonical(y), StringComparison.Ordinal);

    public int GetHashCode(string audience) => StringComparer.Ordinal.GetHashCode(Canonical(audience));

    // Every trailing slash, not just one: treating more names as one audience only ever refuses more.
    private static string Canonical(string audience) => audience.TrimEnd('/');
}
