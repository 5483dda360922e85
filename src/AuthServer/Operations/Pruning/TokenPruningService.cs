using AuthServer.Options;
using Microsoft.Extensions.Options;
using AuthServer.Operations.Logging;

namespace AuthServer.Operations.Pruning;

/// <summary>Runs <see cref="TokenPruner"/> every <c>Maintenance:PruneInterval</c>.</summary>
public sealed class TokenPruningService(IServiceScopeFactory scopes, IOptions<MaintenanceOptions> options, TimeProvider clock,
    ILogger<TokenPruningService> logger) : PeriodicScopedJob(scopes, clock)
{
    protected override TimeSpan Interval => options.Value.PruneInterval;

    protected override async Task RunOnceAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var (tokens, authorizations) = await services.GetRequiredService<TokenPruner>().PruneAsync(cancellationToken);
        logger.Pruned(tokens, authorizations);
    }

    protected override void OnFailure(Exception exception) => logger.PruningFailed(exception);
}
