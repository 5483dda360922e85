using OpenIddict.Server;
using OpenIddict.Abstractions;
using static OpenIddict.Abstractions.OpenIddictConstants;
using static OpenIddict.Server.OpenIddictServerEvents;
using AuthServer.Operations.Logging;
using AuthServer.Operations.Telemetry;
using AuthServer.Protocol.ErrorResponses;
using AuthServer.Protocol.Filters;

namespace AuthServer.Protocol.Guards;

/// <summary>
/// Refuses a client id over its limits before its secret is even checked; answered 429 with Retry-After.
/// Whether the client exists decides its bucket: the lookup is the one OpenIddict makes next (found clients
/// are cached, and the request's own cache answers OpenIddict's lookup of an unknown id), and ids no client
/// has share one bucket, so made-up ids cannot grow the limiter.
/// </summary>
public sealed class ClientRateLimitHandler(ClientLimiter limiter, IOpenIddictApplicationManager applications,
    ILogger<ClientRateLimitHandler> logger) : IOpenIddictServerHandler<ProcessAuthenticationContext>
{
    public static OpenIddictServerHandlerDescriptor Descriptor { get; } =
        OpenIddictServerHandlerDescriptor.CreateBuilder<ProcessAuthenticationContext>()
            .UseScopedHandler<ClientRateLimitHandler>()
            // Before an assertion's signature is verified (ClientAssertionClientId names its client first).
            .SetOrder(OpenIddictServerHandlers.ValidateClientAssertion.Descriptor.Order - 250)
            .AddFilter<RequireClientAuthenticationRequest>()
            .SetType(OpenIddictServerHandlerType.Custom)
            .Build();

    /// <summary>The answer to a client over its limit, here and at every endpoint that counts requests the same way.</summary>
    public const string ThrottledDescription = "Too many requests for this client; try again later.";

    public async ValueTask HandleAsync(ProcessAuthenticationContext context)
    {
        if (!limiter.Enabled || context.Request.ClientId is not { Length: > 0 } clientId)
        {
            return;
        }

        var known = await applications.FindByClientIdAsync(clientId, context.CancellationToken) is not null;
        if (limiter.TryAcquire(clientId, known, context.Request.IsTokenExchangeGrantType()) is { } retryAfter)
        {
            logger.ClientThrottled(known ? clientId : TokenEndpointMetrics.UnknownClient);
            RetryAfter.Set(context.Transaction, retryAfter, StatusCodes.Status429TooManyRequests);
            context.Reject(Errors.TemporarilyUnavailable, ThrottledDescription);
        }
    }
}
