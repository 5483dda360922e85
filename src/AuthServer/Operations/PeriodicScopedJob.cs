
namespace AuthServer.Operations;

/// <summary>
/// A background job that runs in a fresh DI scope at a fixed interval. A failed run is reported and
/// the next tick tries again, so one bad moment of the store never stops the job for good.
/// </summary>
public abstract class PeriodicScopedJob(IServiceScopeFactory scopes, TimeProvider clock) : BackgroundService
{
    protected abstract TimeSpan Interval { get; }

    protected abstract Task RunOnceAsync(IServiceProvider services, CancellationToken cancellationToken);

    protected abstract void OnFailure(Exception exception);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                await RunOnceAsync(scope.ServiceProvider, stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                OnFailure(ex);
            }
        }
    }
}
