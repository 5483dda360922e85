using AuthServer.Storage;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace AuthServer.Operations.Health;

/// <summary>Ready only while the store answers.</summary>
public sealed class StoreHealthCheck(AuthDbContext db) : IHealthCheck
{
    /// <summary>A load balancer's check must get its answer quickly, even from a database that accepts connections and then stalls.</summary>
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(3);

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(Limit);
        try
        {
            return await db.Database.CanConnectAsync(limit.Token)
                ? HealthCheckResult.Healthy("The store answers.")
                : HealthCheckResult.Unhealthy("The store cannot be reached.");
        }
        catch (OperationCanceledException) when (limit.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            return HealthCheckResult.Unhealthy($"The store did not answer within {Limit.TotalSeconds:0} s.");
        }
    }
}
