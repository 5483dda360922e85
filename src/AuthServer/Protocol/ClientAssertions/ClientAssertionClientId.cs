using AuthServer.Clients;
using AuthServer.Protocol.Filters;
using OpenIddict.Server;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace AuthServer.Protocol.ClientAssertions;

/// <summary>
/// A request that authenticates with an assertion may leave <c>client_id</c> out (RFC 7523 §3). The client it claims
/// (the assertion's <c>iss</c>, read unverified) becomes the request's client id before anything else is checked,
/// so the impossible-id guard, the rate limits and the lockout (which all go by client id) apply to assertions exactly
/// as to secrets, and before a signature is verified. OpenIddict then requires <c>iss</c> = <c>sub</c> = that id.
/// </summary>
public sealed class ClientAssertionClientId : IOpenIddictServerHandler<ProcessAuthenticationContext>
{
    public static OpenIddictServerHandlerDescriptor Descriptor { get; } =
        OpenIddictServerHandlerDescriptor.CreateBuilder<ProcessAuthenticationContext>()
            .UseSingletonHandler<ClientAssertionClientId>()
            .SetOrder(OpenIddictServerHandlers.ValidateClientAssertion.Descriptor.Order - 750)
            .AddFilter<RequireClientAuthenticationRequest>()
            .SetType(OpenIddictServerHandlerType.Custom)
            .Build();

    public ValueTask HandleAsync(ProcessAuthenticationContext context)
    {
        if (string.IsNullOrEmpty(context.ClientAssertion))
        {
            return default;
        }

        ClientAssertionRules.MarkChecking(context.Transaction);
        if (string.IsNullOrEmpty(context.Request.ClientId)
            && ClientAssertionRules.ClaimedIssuer(context.ClientAssertion) is { } claimed && ClientRules.CanNameAClient(claimed))
        {
            context.Request.ClientId = claimed;
        }

        return default;
    }
}
