using Microsoft.Extensions.Options;

namespace AuthServer.Options;

/// <summary>The <c>RateLimits</c> section: per-client request limits and brute-force throttling.</summary>
public sealed class RateLimitOptions
{
    public const string Section = "RateLimits";

    public bool Enabled { get; set; } = true;

    /// <summary>Requests a minute one client id may make to the token, introspection and revocation endpoints (bursts up to this many).</summary>
    public int RequestsPerMinute { get; set; } = 600;

    /// <summary>Failed client authentications within <see cref="LockoutWindow"/> after which a client id is refused.</summary>
    public int FailedAuthenticationsBeforeLockout { get; set; } = 10;

    public TimeSpan LockoutWindow { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// Subject tokens a client's Bubble app rejects within <see cref="LockoutWindow"/> after which that client's
    /// token exchanges are refused (429) until they age out. Higher than the lockout: every user whose Bubble
    /// session ended sends one, and the client serves all of an app's users.
    /// </summary>
    public int RejectedSubjectTokensBeforeThrottle { get; set; } = 50;
}

public sealed class RateLimitOptionsValidator : IValidateOptions<RateLimitOptions>
{
    public ValidateOptionsResult Validate(string? name, RateLimitOptions options)
    {
        var failures = new List<string>();
        if (options.RequestsPerMinute < 1)
        {
            failures.Add("RateLimits:RequestsPerMinute must be at least 1.");
        }
        if (options.FailedAuthenticationsBeforeLockout < 1)
        {
            failures.Add("RateLimits:FailedAuthenticationsBeforeLockout must be at least 1.");
        }
        if (options.RejectedSubjectTokensBeforeThrottle < 1)
        {
            failures.Add("RateLimits:RejectedSubjectTokensBeforeThrottle must be at least 1.");
        }
        if (options.LockoutWindow < TimeSpan.FromSeconds(1))
        {
            failures.Add("RateLimits:LockoutWindow must be at least 00:00:01.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
