namespace AuthServer.Options;

/// <summary>The <c>Auth</c> section: who we are and how long what we issue lives.</summary>
public sealed class AuthOptions
{
    public const string Section = "Auth";

    /// <summary>The exact <c>iss</c> of every token. Null in Development means "the request's own origin".</summary>
    public string? Issuer { get; set; }

    public TimeSpan AccessTokenLifetime { get; set; } = TimeSpan.FromHours(1);

    public TimeSpan RefreshTokenLifetime { get; set; } = TimeSpan.FromDays(14);

    public TimeSpan RefreshTokenReuseLeeway { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// A chain ends this long after its exchange, however often it is used (Duende's AbsoluteRefreshTokenLifetime and
    /// Cognito's refresh token expiration both default to 30 days). <c>Clients:N:RefreshTokenAbsoluteLifetime</c> overrides it.
    /// </summary>
    public TimeSpan RefreshTokenAbsoluteLifetime { get; set; } = TimeSpan.FromDays(30);

    public string SigningAlgorithm { get; set; } = SigningAlgorithms.RS256;

    /// <summary>Null means the environment decides: off in Development, on everywhere else.</summary>
    public bool? RequireHttps { get; set; }

    public KeyRotationOptions KeyRotation { get; set; } = new();
}

public sealed class KeyRotationOptions
{
    public TimeSpan Interval { get; set; } = TimeSpan.FromDays(30);

    public TimeSpan PropagationTime { get; set; } = TimeSpan.FromDays(2);

    public TimeSpan RetentionTime { get; set; } = TimeSpan.FromDays(2);
}

public static class SigningAlgorithms
{
    public const string RS256 = "RS256";
    public const string ES256 = "ES256";

    public static bool IsSupported(string? value) => value is RS256 or ES256;
}
