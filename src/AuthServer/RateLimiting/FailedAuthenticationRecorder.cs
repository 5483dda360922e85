using OpenIddict.Server;
using static OpenIddict.Abstractions.OpenIddictConstants;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace AuthServer.RateLimiting;

/// <summary>Counts every <c>invalid_client</c> answer against the client id that was claimed.</summary>
public sealed class FailedAuthenticationRecorder<TContext>(ClientLimiter limiter) : IOpenIddictServerHandler<TContext>
    where TContext : BaseRequestContext
{
    public static OpenIddictServerHandlerDescriptor Descriptor { get; } =
        OpenIddictServerHandlerDescriptor.CreateBuilder<TContext>()
            .UseSingletonHandler<FailedAuthenticationRecorder<TContext>>()
            .SetOrder(int.MinValue + 50_000)
            .SetType(OpenIddictServerHandlerType.Custom)
            .Build();

    public ValueTask HandleAsync(TContext context)
    {
        if (context.Transaction.Response?.Error == Errors.InvalidClient && context.Transaction.Request?.ClientId is { Length: > 0 } clientId)
        {
            limiter.RecordFailedAuthentication(clientId);
        }

        return default;
    }
}
