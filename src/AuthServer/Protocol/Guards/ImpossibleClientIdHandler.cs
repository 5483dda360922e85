using AuthServer.Clients;
using OpenIddict.Server;
using static OpenIddict.Abstractions.OpenIddictConstants;
using static OpenIddict.Server.OpenIddictServerEvents;
using AuthServer.Operations.Logging;
using AuthServer.Protocol.ErrorResponses;
using AuthServer.Protocol.Filters;

namespace AuthServer.Protocol.Guards;

/// <summary>
/// Answers <c>invalid_client</c> for a client id that no client can have (one with a control
/// character, such as <c>%00</c> percent-encoded inside an HTTP Basic header, which the form guard
/// never sees, or one longer than <see cref="ClientRules.MaxClientIdLength"/>), before the limiter or
/// the store is asked. PostgreSQL refuses to compare a NUL, and that failure would otherwise be
/// answered as a store outage; a 60 KB id would otherwise be looked up and its bytes kept by the limiter.
/// </summary>
public sealed class ImpossibleClientIdHandler(ILogger<ImpossibleClientIdHandler> logger) : IOpenIddictServerHandler<ProcessAuthenticationContext>
{
    public static OpenIddictServerHandlerDescriptor Descriptor { get; } =
        OpenIddictServerHandlerDescriptor.CreateBuilder<ProcessAuthenticationContext>()
            .UseSingletonHandler<ImpossibleClientIdHandler>()
            .SetOrder(ClientRateLimitHandler.Descriptor.Order - 250)
            .AddFilter<RequireClientAuthenticationRequest>()
            .SetType(OpenIddictServerHandlerType.Custom)
            .Build();

    public ValueTask HandleAsync(ProcessAuthenticationContext context)
    {
        if (context.Request.ClientId is { Length: > 0 } clientId && !ClientRules.CanNameAClient(clientId))
        {
            logger.ImpossibleClientId(context.EndpointType.ToString());
            context.Reject(Errors.InvalidClient, ClientAuthenticationFailure.FailedDescription);
        }

        return default;
    }
}
