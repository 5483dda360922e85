using Microsoft.Extensions.Options;

namespace AuthServer.Options;

/// <summary>The <c>Bubble</c> section: how AuthServer asks a Bubble app who a token belongs to.</summary>
public sealed class BubbleOptions
{
    public const string Section = "Bubble";
    public static readonly TimeSpan MaxCacheLifetime = TimeSpan.FromMinutes(5);

    public string Workflow { get; set; } = "whoami";

    /// <summary>How long a positive answer is reused; a logged-out token keeps working at most this long.</summary>
    public TimeSpan CacheLifetime { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// How long a token Bubble rejected (401, or no user) is refused without asking Bubble again. A rejected
    /// Bubble token never becomes valid, so this only spares Bubble the replays.
    /// </summary>
    public TimeSpan RejectedCacheLifetime { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// At a refresh, Bubble is asked again whether the chain's Bubble token still holds when it last said so longer ago
    /// than this (zero: at every refresh). With the guide's cadence (a refresh about every 50 minutes) every refresh
    /// asks once; a shorter interval only spares Bubble the retries and the two-tab races.
    /// </summary>
    public TimeSpan SessionCheckInterval { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Per attempt.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Retries of a transient failure (5xx, timeout, refused connection); 429 is never retried.</summary>
    public int Retries { get; set; } = 1;

    /// <summary>Calls within the sampling window before the breaker may open for an app.</summary>
    public int BreakerMinimumThroughput { get; set; } = 10;

    public double BreakerFailureRatio { get; set; } = 0.5;

    public TimeSpan BreakerSamplingDuration { get; set; } = TimeSpan.FromSeconds(30);

    public TimeSpan BreakDuration { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>
    /// Audiences (scope resources) that token_exchange clients of different Bubble bindings (apps, versions, custom
    /// domains) may all reach. Without it an audience belongs to one binding, so an API never receives, for a user of
    /// one app, a token minted through another app whose whoami can name any user id. A risk, warned about at start.
    /// </summary>
    public List<string> SharedAudiences { get; set; } = [];

    /// <summary>
    /// Whether a Bubble app URL may be http, or name a loopback, private or link-local address (a local Bubble
    /// simulator). Unset: true in Development, false otherwise (<see cref="BubbleOptionsDefaults"/>). When false,
    /// URLs are refused when clients are defined, and every call's resolved address is checked when it connects.
    /// </summary>
    public bool? AllowPrivateAddresses { get; set; }
}

/// <summary>Fills the environment-dependent default of <see cref="BubbleOptions.AllowPrivateAddresses"/>.</summary>
public sealed class BubbleOptionsDefaults(IHostEnvironment environment) : IPostConfigureOptions<BubbleOptions>
{
    public void PostConfigure(string? name, BubbleOptions options) => options.AllowPrivateAddresses ??= environment.IsDevelopment();

    /// <summary>The same default, read from configuration, where the options are not built yet (configuration checks).</summary>
    public static bool Read(IConfiguration configuration, IHostEnvironment environment) =>
        configuration.GetValue<bool?>($"{BubbleOptions.Section}:{nameof(BubbleOptions.AllowPrivateAddresses)}") ?? environment.IsDevelopment();
}

public sealed class BubbleOptionsValidator : IValidateOptions<BubbleOptions>
{
    public ValidateOptionsResult Validate(string? name, BubbleOptions options)
    {
        var failures = new List<string>();
        if (string.IsNullOrWhiteSpace(options.Workflow) || options.Workflow.Any(c => !char.IsAsciiLetterOrDigit(c) && c is not ('-' or '_')))
        {
            failures.Add($"Bubble:Workflow must be a workflow name (letters, digits, - and _), not '{options.Workflow}'.");
        }
        if (options.CacheLifetime < TimeSpan.Zero || options.CacheLifetime > BubbleOptions.MaxCacheLifetime)
        {
            failures.Add("Bubble:CacheLifetime must be between 00:00:00 (off) and 00:05:00.");
        }

        if (options.RejectedCacheLifetime < TimeSpan.Zero || options.RejectedCacheLifetime > BubbleOptions.MaxCacheLifetime)
        {
            failures.Add("Bubble:RejectedCacheLifetime must be between 00:00:00 (off) and 00:05:00.");
        }
        if (options.SessionCheckInterval < TimeSpan.Zero || options.SessionCheckInterval > TimeSpan.FromDays(1))
        {
            failures.Add("Bubble:SessionCheckInterval must be between 00:00:00 (at every refresh) and 1.00:00:00.");
        }
        if (options.Timeout <= TimeSpan.Zero || options.Timeout > TimeSpan.FromMinutes(1))
        {
            failures.Add("Bubble:Timeout must be positive and at most 00:01:00.");
        }
        if (options.Retries is < 0 or > 5)
        {
            failures.Add("Bubble:Retries must be between 0 and 5.");
        }
        if (options.BreakerMinimumThroughput < 2)
        {
            failures.Add("Bubble:BreakerMinimumThroughput must be at least 2.");
        }
        if (options.BreakerFailureRatio is <= 0 or > 1)
        {
            failures.Add("Bubble:BreakerFailureRatio must be in (0, 1].");
        }
        if (options.BreakerSamplingDuration < TimeSpan.FromMilliseconds(500) || options.BreakDuration < TimeSpan.FromMilliseconds(500))
        {
            failures.Add("Bubble:BreakerSamplingDuration and Bubble:BreakDuration must be at least 00:00:00.5.");
        }

        for (var i = 0; i < options.SharedAudiences.Count; i++)
        {
            if (string.IsNullOrWhiteSpace(options.SharedAudiences[i]) || options.SharedAudiences[i].Any(c => char.IsWhiteSpace(c) || char.IsControl(c)))
            {
                failures.Add($"Bubble:SharedAudiences:{i} must be an audience (a scope's resource), without spaces.");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
