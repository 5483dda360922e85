using OpenIddict.Server;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace AuthServer.Engine;

/// <summary>One handler of an event, behind its filters, as OpenIddict's descriptor declares them.</summary>
public sealed class DispatchStep<TContext>(Resolved<IOpenIddictServerHandlerFilter<TContext>>[] filters,
    Resolved<IOpenIddictServerHandler<TContext>> handler) where TContext : BaseContext
{
    public IOpenIddictServerHandler<TContext> Handler(IServiceProvider scope) => handler.Get(scope);

    /// <summary>Whether every filter lets the handler run; synchronous while the filters are.</summary>
    public ValueTask<bool> IsActiveAsync(TContext context, IServiceProvider scope)
    {
        for (var index = 0; index < filters.Length; index++)
        {
            var active = filters[index].Get(scope).IsActiveAsync(context);
            if (!active.IsCompletedSuccessfully)
            {
                return AwaitRestAsync(active, index, context, scope);
            }

            if (!active.Result)
            {
                return ValueTask.FromResult(false);
            }
        }

        return ValueTask.FromResult(true);
    }

    private async ValueTask<bool> AwaitRestAsync(ValueTask<bool> pending, int index, TContext context, IServiceProvider scope)
    {
        if (!await pending)
        {
            return false;
        }

        for (index++; index < filters.Length; index++)
        {
            if (!await filters[index].Get(scope).IsActiveAsync(context))
            {
                return false;
            }
        }

        return true;
    }
}
