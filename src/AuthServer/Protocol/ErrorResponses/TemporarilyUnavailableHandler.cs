using OpenIddict.Server;
using Microsoft.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace AuthServer.Protocol.ErrorResponses;

/// <summary>
/// OpenIddict answers every error but invalid_client and server_error with 400; an outage of the
/// Bubble app is 503 and a client over its limits 429, both with Retry-After, so clients retry
/// instead of sending the user to log in again.
/// </summary>
public sealed class TemporarilyUnavailableHandler<TContext> : IOpenIddictServerHandler<TContext> where TContext : BaseRequestContext
{
    // After OpenIddict's AttachHttpResponseCode (100 000), before its cache and body handlers.
    public static OpenIddictServerHandlerDescriptor Descriptor { get; } =
        OpenIddictServerHandlerDescriptor.CreateBuilder<TContext>()
            .UseSingletonHandler<TemporarilyUnavailableHandler<TContext>>()
            .SetOrder(100_500)
            .SetType(OpenIddictServerHandlerType.Custom)
            .Build();

    public ValueTask HandleAsync(TContext context)
    {
        if (context.Transaction.Response?.Error == Errors.TemporarilyUnavailable
            && context.Transaction.GetHttpRequest()?.HttpContext.Response is { } response)
        {
            var hint = RetryAfter.Get(context.Transaction) ?? new RetryAfter.Hint(TimeSpan.FromSeconds(5), StatusCodes.Status503ServiceUnavailable);
            response.StatusCode = hint.Status;
            response.Headers.RetryAfter = RetryAfter.HeaderValue(hint.Delay);
        }

        return default;
    }
}
