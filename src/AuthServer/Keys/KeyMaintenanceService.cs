using AuthServer.Options;
using Microsoft.Extensions.Options;
using AuthServer.Operations;
using AuthServer.Operations.Logging;

namespace AuthServer.Keys;

/// <summary>Runs the key schedule in the background: announces, activates, retires and deletes on time.</summary>
public sealed class KeyMaintenanceService(
    IServiceScopeFactory scopes,
    KeyRing ring,
    IOptions<MaintenanceOptions> options,
    TimeProvider clock,
    ILogger<KeyMaintenanceService> logger) : PeriodicScopedJob(scopes, clock)
{
    protected override TimeSpan Interval => options.Value.KeyCheckInterval;

    protected override async Task RunOnceAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        await services.GetRequiredService<KeyManager>().MaintainAsync(cancellationToken);
        await ring.RefreshAsync(cancellationToken);
    }

    protected override void OnFailure(Exception exception) => logger.KeyMaintenanceFailed(exception);
}
