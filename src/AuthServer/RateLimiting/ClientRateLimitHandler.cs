using AuthServer.Grants;
using AuthServer.Logging;
using OpenIddict.Server;
using OpenIddict.Abstractions;
using static OpenIddict.Abstractions.OpenIddictConstants;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace AuthServer.RateLimiting;

/// <summary>Refuses a client id over its limits before its secret is even checked; answered 429 with Retry-After.</summary>
public sealed class ClientRateLimitHandler(ClientLimiter limiter, ILogger<ClientRateLimitHandler> logger)
    : IOpenIddictServerHandler<ProcessAuthenticationContext>
{
    public static OpenIddictServerHandlerDescriptor Descriptor { get; } =
        OpenIddictServerHandlerDescriptor.CreateBuilder<ProcessAuthenticationContext>()
            .UseSingletonHandler<ClientRateLimitHandler>()
            .SetOrder(OpenIddictServerHandlers.ValidateClientId.Descriptor.Order - 500)
            .SetType(OpenIddictServerHandlerType.Custom)
            .Build();

    public ValueTask HandleAsync(ProcessAuthenticationContext context)
    {
        if (context.EndpointType is not (OpenIddictServerEndpointType.Token or OpenIddictServerEndpointType.Introspection
                or OpenIddictServerEndpointType.Revocation)
            || context.Request.ClientId is not { Length: > 0 } clientId)
        {
            return default;
        }

        if (limiter.TryAcquire(clientId, context.Request.IsTokenExchangeGrantType()) is { } retryAfter)
        {
            logger.ClientThrottled(clientId);
            RetryAfter.Set(context.Transaction, retryAfter, StatusCodes.Status429TooManyRequests);
            context.Reject(Errors.TemporarilyUnavailable, "Too many requests for this client; try again later.");
        }

        return default;
    }
}
