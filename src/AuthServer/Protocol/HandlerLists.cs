using System.Collections.Immutable;
using Microsoft.Extensions.DependencyInjection.Extensions;
using OpenIddict.Server;

namespace AuthServer.Protocol;

/// <summary>
/// Registers a folder's handler list (its <c>DefaultHandlers</c>, as OpenIddict's own folders export theirs) and
/// removes the OpenIddict handlers the folder replaces. The filters a list's handlers name are registered too:
/// OpenIddict resolves every filter from DI and registers only its own.
/// </summary>
public static class HandlerLists
{
    public static OpenIddictServerBuilder AddHandlers(this OpenIddictServerBuilder server, ImmutableArray<OpenIddictServerHandlerDescriptor> handlers)
    {
        foreach (var descriptor in handlers)
        {
            server.AddEventHandler(descriptor);
            foreach (var filter in descriptor.FilterTypes)
            {
                server.Services.TryAdd(ServiceDescriptor.Singleton(filter, filter));
            }
        }

        return server;
    }

    /// <summary>
    /// Removes OpenIddict's handlers that a folder replaces. Removal goes by handler type: every descriptor of that
    /// type goes, so a replacement must be a type of its own (an <c>Import</c> of the descriptor keeps its filters).
    /// </summary>
    public static OpenIddictServerBuilder RemoveHandlers(this OpenIddictServerBuilder server, ImmutableArray<OpenIddictServerHandlerDescriptor> replaced)
    {
        foreach (var descriptor in replaced)
        {
            server.RemoveEventHandler(descriptor);
        }

        return server;
    }
}
