using AuthServer.Logging;
using AuthServer.Options;
using Microsoft.Extensions.Options;

namespace AuthServer.Keys;

/// <summary>Runs the key schedule in the background: announces, activates, retires and deletes on time.</summary>
public sealed class KeyMaintenanceService(
    IServiceScopeFactory scopes,
    KeyRing ring,
    IOptions<MaintenanceOptions> options,
    TimeProvider clock,
    ILogger<KeyMaintenanceService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.KeyCheckInterval, clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                await scope.ServiceProvider.GetRequiredService<KeyManager>().MaintainAsync(stoppingToken);
                await ring.RefreshAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.KeyMaintenanceFailed(ex);
            }
        }
    }
}
