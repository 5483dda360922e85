using System.Globalization;
using AuthServer.Grants;
using OpenIddict.Server;
using Microsoft.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace AuthServer.Protocol;

/// <summary>
/// OpenIddict answers every error but invalid_client and server_error with 400; an outage of the
/// Bubble app is 503 with Retry-After, so clients retry instead of sending the user to log in again.
/// </summary>
public sealed class TemporarilyUnavailableHandler : IOpenIddictServerHandler<ApplyTokenResponseContext>
{
    // After OpenIddict's AttachHttpResponseCode (100 000), before its cache and body handlers.
    public static OpenIddictServerHandlerDescriptor Descriptor { get; } =
        OpenIddictServerHandlerDescriptor.CreateBuilder<ApplyTokenResponseContext>()
            .UseSingletonHandler<TemporarilyUnavailableHandler>()
            .SetOrder(100_500)
            .SetType(OpenIddictServerHandlerType.Custom)
            .Build();

    public ValueTask HandleAsync(ApplyTokenResponseContext context)
    {
        if (context.Error == Errors.TemporarilyUnavailable && context.Transaction.GetHttpRequest()?.HttpContext.Response is { } response)
        {
            var delay = RetryAfter.Get(context.Transaction) ?? TimeSpan.FromSeconds(5);
            response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(delay.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        }

        return default;
    }
}
