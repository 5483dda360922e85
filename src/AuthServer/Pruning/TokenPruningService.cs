using AuthServer.Logging;
using AuthServer.Options;
using Microsoft.Extensions.Options;

namespace AuthServer.Pruning;

/// <summary>Runs <see cref="TokenPruner"/> every <c>Maintenance:PruneInterval</c>.</summary>
public sealed class TokenPruningService(IServiceScopeFactory scopes, IOptions<MaintenanceOptions> options, TimeProvider clock,
    ILogger<TokenPruningService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.PruneInterval, clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var (tokens, authorizations) = await scope.ServiceProvider.GetRequiredService<TokenPruner>().PruneAsync(stoppingToken);
                logger.Pruned(tokens, authorizations);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.PruningFailed(ex);
            }
        }
    }
}
