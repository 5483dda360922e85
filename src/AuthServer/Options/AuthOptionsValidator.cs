using Microsoft.Extensions.Options;

namespace AuthServer.Options;

/// <summary>Cross-field rules of the <c>Auth</c> section. Each failure names its key.</summary>
public sealed class AuthOptionsValidator(IHostEnvironment environment) : IValidateOptions<AuthOptions>
{
    public ValidateOptionsResult Validate(string? name, AuthOptions options)
    {
        var failures = new List<string>();

        if (string.IsNullOrWhiteSpace(options.Issuer))
        {
            if (!environment.IsDevelopment())
            {
                failures.Add("Auth:Issuer is required outside Development (for example https://auth.example.com).");
            }
        }
        else if (!Uri.TryCreate(options.Issuer, UriKind.Absolute, out var issuer) || issuer.Scheme is not ("https" or "http"))
        {
            // Not repeated: a value such as "user:pw@host" (no scheme) may hold a password.
            failures.Add("Auth:Issuer must be an absolute http(s) URL, such as https://auth.example.com.");
        }
        // RFC 8414 §2: no query or fragment, an empty "?" or "#" included (Uri reports those as none). User info, even an
        // empty "https://@host", would be published in discovery and in every token's iss; the value is not repeated, as
        // it may hold a password.
        else if (issuer.UserInfo.Length > 0 || options.Issuer.IndexOfAny(['@', '?', '#']) >= 0)
        {
            failures.Add("Auth:Issuer must be an absolute http(s) URL without user info (user:password@), query or fragment.");
        }
        else if (issuer.AbsolutePath != "/")
        {
            // Discovery and every endpoint are served at the root. An issuer with a path would need the metadata
            // at RFC 8414 §3's /.well-known/oauth-authorization-server{path} and the endpoints under the path;
            // until that is served end to end, such an issuer is refused rather than half working.
            failures.Add("Auth:Issuer must be an origin without a path (for example https://auth.example.com); "
                + "an issuer with a path is not supported.");
        }
        else if (issuer.Scheme == "http" && options.RequireHttps == true)
        {
            failures.Add("Auth:Issuer must use https while Auth:RequireHttps is true.");
        }

        if (!SigningAlgorithms.IsSupported(options.SigningAlgorithm))
        {
            failures.Add($"Auth:SigningAlgorithm must be RS256 or ES256, not '{options.SigningAlgorithm}'.");
        }

        RequirePositive(failures, "Auth:AccessTokenLifetime", options.AccessTokenLifetime);
        RequirePositive(failures, "Auth:RefreshTokenLifetime", options.RefreshTokenLifetime);
        RequirePositive(failures, "Auth:RefreshTokenAbsoluteLifetime", options.RefreshTokenAbsoluteLifetime);
        if (options.RefreshTokenReuseLeeway < TimeSpan.Zero)
        {
            failures.Add("Auth:RefreshTokenReuseLeeway must not be negative.");
        }

        var rotation = options.KeyRotation;
        RequirePositive(failures, "Auth:KeyRotation:Interval", rotation.Interval);
        RequirePositive(failures, "Auth:KeyRotation:PropagationTime", rotation.PropagationTime);
        if (rotation.PropagationTime >= rotation.Interval)
        {
            failures.Add("Auth:KeyRotation:PropagationTime must be shorter than Auth:KeyRotation:Interval.");
        }
        if (rotation.RetentionTime < options.AccessTokenLifetime)
        {
            failures.Add("Auth:KeyRotation:RetentionTime must be at least Auth:AccessTokenLifetime.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void RequirePositive(List<string> failures, string key, TimeSpan value)
    {
        if (value <= TimeSpan.Zero)
        {
            failures.Add($"{key} must be a positive duration.");
        }
    }
}
