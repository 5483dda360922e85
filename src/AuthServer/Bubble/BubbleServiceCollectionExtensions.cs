using AuthServer.Options;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Polly;

namespace AuthServer.Bubble;

public static class BubbleServiceCollectionExtensions
{
    /// <summary>
    /// The Bubble validator's HTTP client: per attempt a timeout of <c>Bubble:Timeout</c>; transient
    /// failures retried (whoami only reads, so a retry changes nothing; 429 is never retried); a circuit
    /// breaker per Bubble host, so one app's outage never slows down the others. The server only: the CLI never calls
    /// Bubble. <c>Bubble</c>'s options are bound with the others (<see cref="OptionsServiceCollectionExtensions"/>).
    /// </summary>
    public static IServiceCollection AddBubbleValidation(this IServiceCollection services)
    {
        services.AddSingleton<BubbleAnswerCache>();
        services.AddSingleton<BubbleClaimMapper>();
        services.AddSingleton<BubbleAnswerReader>();

        // No redirects: a redirected whoami is a misconfigured BubbleAppUrl, and following it would
        // carry the user's token to wherever the redirect points.
        // No HttpClientFactory loggers: their lines are capped at Warning (LoggingSetup) and they log
        // nothing above Information, so all they did was open a logging scope per call (the 3xxx events say what matters).
        services.AddHttpClient<BubbleUserClient>(http => http.Timeout = Timeout.InfiniteTimeSpan)
            .RemoveAllLoggers()
            .ConfigurePrimaryHttpMessageHandler(provider => new SocketsHttpHandler
            {
                AllowAutoRedirect = false,
                PooledConnectionLifetime = TimeSpan.FromMinutes(5),
                // Outside Development every connection checks the address it goes to, after resolution: a
                // configured URL, a console's Test whoami and DNS rebinding alike never reach a private network.
                ConnectCallback = provider.GetRequiredService<IOptions<BubbleOptions>>().Value.AllowPrivateAddresses == true
                    ? null
                    : BubbleAddresses.ConnectAsync,
            })
            .AddResilienceHandler("bubble", (pipeline, context) =>
            {
                var options = context.ServiceProvider.GetRequiredService<IOptions<BubbleOptions>>().Value;
                pipeline.AddTimeout(options.Timeout * (options.Retries + 1) + TimeSpan.FromSeconds(1));
                if (options.Retries > 0)
                {
                    pipeline.AddRetry(new HttpRetryStrategyOptions
                    {
                        MaxRetryAttempts = options.Retries,
                        Delay = TimeSpan.FromMilliseconds(200),
                        BackoffType = DelayBackoffType.Exponential,
                        UseJitter = true,
                        ShouldHandle = args => ValueTask.FromResult(HttpClientResiliencePredicates.IsTransient(args.Outcome)
                            && args.Outcome.Result?.StatusCode != System.Net.HttpStatusCode.TooManyRequests
                            && args.Outcome.Exception?.InnerException is not PrivateAddressRefusedException),
                    });
                }

                pipeline.AddCircuitBreaker(new HttpCircuitBreakerStrategyOptions
                {
                    MinimumThroughput = options.BreakerMinimumThroughput,
                    FailureRatio = options.BreakerFailureRatio,
                    SamplingDuration = options.BreakerSamplingDuration,
                    BreakDuration = options.BreakDuration,
                });
                pipeline.AddTimeout(options.Timeout);
            })
            .SelectPipelineByAuthority();
        return services;
    }
}
