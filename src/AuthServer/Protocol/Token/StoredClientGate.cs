using OpenIddict.Abstractions;
using OpenIddict.EntityFrameworkCore.Models;
using OpenIddict.Server;
using static OpenIddict.Abstractions.OpenIddictConstants;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace AuthServer.Protocol.Token;

/// <summary>
/// Before a refresh chain is written, checks the client in the store itself, past the one-second client
/// cache. A client removed by the CLI or another node could otherwise still start a chain from a cached
/// copy during that second; its rows, written after the removal deleted the client's tokens, would
/// outlive it and work again if the client id were ever re-added. One indexed read, only when a refresh
/// token is about to be issued; access tokens alone (no rows) are covered by the cache's bound.
/// </summary>
public sealed class StoredClientGate(IOpenIddictApplicationStore<OpenIddictEntityFrameworkCoreApplication> store)
    : IOpenIddictServerHandler<ProcessSignInContext>
{
    public static OpenIddictServerHandlerDescriptor Descriptor { get; } =
        OpenIddictServerHandlerDescriptor.CreateBuilder<ProcessSignInContext>()
            .UseScopedHandler<StoredClientGate>()
            .SetOrder(OpenIddictServerHandlers.AttachAuthorization.Descriptor.Order - 500)
            .SetType(OpenIddictServerHandlerType.Custom)
            .Build();

    public async ValueTask HandleAsync(ProcessSignInContext context)
    {
        if (!context.GenerateRefreshToken || context.ClientId is not { Length: > 0 } clientId)
        {
            return;
        }

        if (await store.FindByClientIdAsync(clientId, context.CancellationToken) is null)
        {
            context.Reject(Errors.InvalidClient, "The client no longer exists.");
        }
    }
}
