using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;

namespace AuthServer.Options;

/// <summary>The <c>Admin</c> section: whether and where the admin console at <c>/admin</c> is served, and its sign-in rules.</summary>
public sealed class AdminOptions
{
    public const string Section = "Admin";

    public bool Enabled { get; set; } = true;

    /// <summary>
    /// Extra addresses the server listens on for the console alone (<c>http://127.0.0.1:5001</c>). When set,
    /// <c>/admin</c> answers only there, and those addresses answer nothing else, so the console need not face the internet.
    /// </summary>
    public List<string> Urls { get; set; } = [];

    /// <summary>Wrong passwords in a row after which an account is locked.</summary>
    public int LockoutThreshold { get; set; } = 5;

    public TimeSpan LockoutDuration { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>Sign-in attempts a minute from one source address (an IPv6 /64), whatever the names; more get 429.</summary>
    public int SignInAttemptsPerMinutePerAddress { get; set; } = 20;

    /// <summary>Sign-in attempts a minute from all addresses together; more get 429.</summary>
    public int SignInAttemptsPerMinute { get; set; } = 100;

    /// <summary>How long a console session lasts without a request; each request extends it.</summary>
    public TimeSpan SessionLifetime { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>The ports of <see cref="Urls"/>: a request is the console's when it arrived on one of them.</summary>
    public IReadOnlySet<int> ListenPorts() => Urls.Select(url => BindingAddress.Parse(url).Port).ToHashSet();

    /// <summary>The ports of those <see cref="Urls"/> bound to a loopback address: reachable from this machine only.</summary>
    public IReadOnlySet<int> LoopbackListenPorts() => Urls.Select(BindingAddress.Parse)
        .Where(url => url.Host.Equals("localhost", StringComparison.OrdinalIgnoreCase) || System.Net.IPAddress.TryParse(url.Host.Trim('[', ']'), out var ip) && System.Net.IPAddress.IsLoopback(ip))
        .Select(url => url.Port).ToHashSet();

    /// <summary>
    /// The section as configured, or null if it does not bind or is invalid; read while the host is being built,
    /// before validation, which then reports the fault in one line.
    /// </summary>
    public static AdminOptions? TryRead(IConfiguration configuration)
    {
        try
        {
            var options = configuration.GetSection(Section).Get<AdminOptions>() ?? new AdminOptions();
            return new AdminOptionsValidator().Validate(null, options).Succeeded ? options : null;
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }
}

public sealed class AdminOptionsValidator : IValidateOptions<AdminOptions>
{
    public ValidateOptionsResult Validate(string? name, AdminOptions options)
    {
        var failures = new List<string>();
        for (var i = 0; i < options.Urls.Count; i++)
        {
            if (!IsListenUrl(options.Urls[i]))
            {
                failures.Add($"Admin:Urls:{i} must be an http or https address with a port and no path, such as http://127.0.0.1:5001.");
            }
        }
        if (options.Urls.Count > 0 && !options.Enabled)
        {
            failures.Add("Admin:Urls is set, but Admin:Enabled is false: remove the addresses or enable the console.");
        }
        if (options.LockoutThreshold is < 1 or > 100)
        {
            failures.Add("Admin:LockoutThreshold must be between 1 and 100.");
        }
        if (options.LockoutDuration < TimeSpan.FromSeconds(1) || options.LockoutDuration > TimeSpan.FromDays(1))
        {
            failures.Add("Admin:LockoutDuration must be between 00:00:01 and 1.00:00:00.");
        }
        if (options.SignInAttemptsPerMinutePerAddress is < 1 or > 10_000)
        {
            failures.Add("Admin:SignInAttemptsPerMinutePerAddress must be between 1 and 10000.");
        }
        if (options.SignInAttemptsPerMinute is < 1 or > 100_000)
        {
            failures.Add("Admin:SignInAttemptsPerMinute must be between 1 and 100000.");
        }
        if (options.SessionLifetime < TimeSpan.FromMinutes(1) || options.SessionLifetime > TimeSpan.FromHours(12))
        {
            failures.Add("Admin:SessionLifetime must be between 00:01:00 and 12:00:00.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    // An explicit port is required: the console is told apart by the port a request arrived on.
    private static bool IsListenUrl(string url) =>
        System.Text.RegularExpressions.Regex.IsMatch(url, "^https?://[^/:]+:[0-9]{1,5}/?$|^https?://\\[[0-9a-fA-F:.]+\\]:[0-9]{1,5}/?$")
        && BindingAddress.Parse(url).Port is > 0 and <= 65535;
}
