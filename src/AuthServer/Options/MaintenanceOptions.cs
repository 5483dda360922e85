namespace AuthServer.Options;

/// <summary>The <c>Maintenance</c> section: how often the background jobs look at the store.</summary>
public sealed class MaintenanceOptions
{
    public const string Section = "Maintenance";

    public TimeSpan KeyCheckInterval { get; set; } = TimeSpan.FromMinutes(1);

    public TimeSpan PruneInterval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>
    /// How long a node serves its loaded key set before it re-reads the store at the next request: the
    /// bound on how late a rotation or revocation by the CLI or another node takes effect here (at most 5 s).
    /// </summary>
    public TimeSpan KeyRingRefreshInterval { get; set; } = TimeSpan.FromSeconds(1);
}

public sealed class MaintenanceOptionsValidator : Microsoft.Extensions.Options.IValidateOptions<MaintenanceOptions>
{
    public static readonly TimeSpan MaxKeyRingRefreshInterval = TimeSpan.FromSeconds(5);

    public Microsoft.Extensions.Options.ValidateOptionsResult Validate(string? name, MaintenanceOptions options)
    {
        var failures = new List<string>();
        if (options.KeyCheckInterval <= TimeSpan.Zero || options.PruneInterval <= TimeSpan.Zero)
        {
            failures.Add("Maintenance:KeyCheckInterval and Maintenance:PruneInterval must be positive.");
        }

        if (options.KeyRingRefreshInterval < TimeSpan.Zero || options.KeyRingRefreshInterval > MaxKeyRingRefreshInterval)
        {
            failures.Add("Maintenance:KeyRingRefreshInterval must be between 00:00:00 (every request) and 00:00:05.");
        }

        return failures.Count == 0
            ? Microsoft.Extensions.Options.ValidateOptionsResult.Success
            : Microsoft.Extensions.Options.ValidateOptionsResult.Fail(failures);
    }
}
