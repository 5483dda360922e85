namespace AuthServer.Options;

/// <summary>The <c>Maintenance</c> section: how often the background jobs look at the store.</summary>
public sealed class MaintenanceOptions
{
    public const string Section = "Maintenance";

    public TimeSpan KeyCheckInterval { get; set; } = TimeSpan.FromMinutes(1);

    public TimeSpan PruneInterval { get; set; } = TimeSpan.FromHours(1);
}
