using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using OpenIddict.Abstractions;
using OpenIddict.Server;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace AuthServer.Engine;

/// <summary>
/// OpenIddict's server dispatcher, with the same semantics, minus the per-event cost that profiling found
/// to be about a tenth of a token request's CPU: the stock dispatcher walks every registered handler
/// descriptor (hundreds) for each of the dozen events of a request, and resolves each filter and singleton
/// handler from DI every time. Here each event's handlers, in order, come from a <see cref="DispatchPlans"/>
/// built once per handler list, with singleton filters and handlers resolved once.
/// </summary>
public sealed class PlannedServerDispatcher(
    ILogger<OpenIddictServerDispatcher> logger,
    IOptionsMonitor<OpenIddictServerOptions> options,
    IServiceProvider provider,
    DispatchPlans plans) : IOpenIddictServerDispatcher
{
    /// <summary>In place of OpenIddict's dispatcher; after <c>AddServer</c>, whose registration it replaces.</summary>
    public static void Register(IServiceCollection services)
    {
        services.AddSingleton(new DispatchPlans(services));
        services.Replace(ServiceDescriptor.Scoped<IOpenIddictServerDispatcher, PlannedServerDispatcher>());
    }

    public async ValueTask DispatchAsync<TContext>(TContext context) where TContext : BaseContext
    {
        ArgumentNullException.ThrowIfNull(context);
        var debug = logger.IsEnabled(LogLevel.Debug);

        foreach (var step in plans.For<TContext>(options.CurrentValue.Handlers))
        {
            if (!await step.IsActiveAsync(context, provider))
            {
                continue;
            }

            var handler = step.Handler(provider);
            try
            {
                await handler.HandleAsync(context);
            }
            catch (Exception exception) when (debug && exception is not OutOfMemoryException)
            {
                logger.LogDebug(6132, exception, OpenIddictResources.GetResourceString("ID6132"),
                    handler.GetType().FullName, typeof(TContext).FullName);
                throw;
            }

            if (debug)
            {
                logger.LogDebug(6133, OpenIddictResources.GetResourceString("ID6133"), typeof(TContext).FullName, handler.GetType().FullName);
            }

            if (context is not BaseRequestContext request)
            {
                continue;
            }

            if (request.IsRequestHandled)
            {
                LogStop(6134, "ID6134", handler);
                return;
            }

            if (request.IsRequestSkipped)
            {
                LogStop(6135, "ID6135", handler);
                return;
            }

            if (context is BaseValidatingContext { IsRejected: true })
            {
                LogStop(6136, "ID6136", handler);
                return;
            }
        }

        void LogStop(int eventId, string resource, object handler)
        {
            if (debug)
            {
                logger.LogDebug(eventId, OpenIddictResources.GetResourceString(resource), typeof(TContext).FullName, handler.GetType().FullName);
            }
        }
    }
}
