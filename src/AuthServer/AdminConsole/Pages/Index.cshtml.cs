using System.Globalization;
using AuthServer.Keys;
using AuthServer.Options;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using AuthServer.Operations.Telemetry;

namespace AuthServer.AdminConsole.Pages;

public sealed record HealthRow(string Name, string Status, string Description);

/// <summary>
/// The Overview: whether this node is ready (the checks of <c>/health/ready</c>), which key signs, since when, and
/// what this node did in the last hour (<see cref="ActivityWindow"/>: per node, never the cluster's).
/// </summary>
public sealed class IndexModel(HealthCheckService health, KeyRing keys, IOptions<MaintenanceOptions> maintenance, TimeProvider clock,
    ActivityWindow activity) : PageModel
{
    public bool Ready { get; private set; }

    public IReadOnlyList<HealthRow> Checks { get; private set; } = [];

    public string? ActiveKeyId { get; private set; }

    public DateTime? ActiveSinceUtc { get; private set; }

    public string ActiveKeyAge { get; private set; } = "-";

    public ActivitySnapshot LastHour { get; private set; } = null!;

    /// <summary>Answers that need the builder's fix (misconfigured) or Bubble's recovery (unavailable): shown to stand out.</summary>
    public bool BubbleNeedsAttention => LastHour.Bubble.Misconfigured > 0 || LastHour.Bubble.Unavailable > 0;

    /// <summary>The menu's "Test whoami" page, once it exists, to link the hint to.</summary>
    public AdminNavItem? WhoamiPage => AdminNavigation.Items.FirstOrDefault(i => i.Title.Contains("whoami", StringComparison.OrdinalIgnoreCase));

    public async Task OnGetAsync()
    {
        LastHour = activity.Snapshot();
        var report = await health.CheckHealthAsync(check => check.Tags.Contains("ready"), HttpContext.RequestAborted);
        Ready = report.Status == HealthStatus.Healthy;
        Checks = [.. report.Entries.Select(e => new HealthRow(e.Key, e.Value.Status.ToString(), e.Value.Description ?? ""))];

        // As fresh as a protocol request would see it: a rotation made elsewhere shows here as soon.
        await keys.RefreshIfStaleAsync(maintenance.Value.KeyRingRefreshInterval, HttpContext.RequestAborted);
        var current = keys.Current;
        ActiveKeyId = current.ActiveKeyId;
        ActiveSinceUtc = current.ActiveSinceUtc;
        if (current.ActiveSinceUtc is { } since)
        {
            ActiveKeyAge = Age(clock.GetUtcNow().UtcDateTime - since);
        }
    }

    private static string Age(TimeSpan age) => age switch
    {
        { TotalDays: >= 1 } => string.Create(CultureInfo.InvariantCulture, $"{(int)age.TotalDays} d {age.Hours} h"),
        { TotalHours: >= 1 } => string.Create(CultureInfo.InvariantCulture, $"{(int)age.TotalHours} h {age.Minutes} min"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{Math.Max(0, (int)age.TotalMinutes)} min"),
    };
}
