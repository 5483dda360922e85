using OpenIddict.Abstractions;
using OpenIddict.Server;
using static OpenIddict.Abstractions.OpenIddictConstants;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace AuthServer.Protocol.Guards;

/// <summary>
/// Counts every <c>invalid_client</c> answer against the client id that was claimed, if that client
/// exists: a made-up id has no secret to guess, and counting it would let anyone grow the limiter's
/// state with every id they send.
/// </summary>
public sealed class FailedAuthenticationRecorder<TContext>(ClientLimiter limiter, IOpenIddictApplicationManager applications)
    : IOpenIddictServerHandler<TContext>
    where TContext : BaseRequestContext
{
    public static OpenIddictServerHandlerDescriptor Descriptor { get; } =
        OpenIddictServerHandlerDescriptor.CreateBuilder<TContext>()
            .UseScopedHandler<FailedAuthenticationRecorder<TContext>>()
            .SetOrder(int.MinValue + 50_000)
            .SetType(OpenIddictServerHandlerType.Custom)
            .Build();

    public async ValueTask HandleAsync(TContext context)
    {
        if (context.Transaction.Response?.Error == Errors.InvalidClient && context.Transaction.Request?.ClientId is { Length: > 0 } clientId
            && AuthServer.Clients.ClientRules.CanNameAClient(clientId) && await applications.FindByClientIdAsync(clientId, context.CancellationToken) is not null)
        {
            limiter.RecordFailedAuthentication(clientId);
        }
    }
}
