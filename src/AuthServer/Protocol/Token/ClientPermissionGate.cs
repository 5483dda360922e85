using AuthServer.Clients;
using OpenIddict.Abstractions;
using OpenIddict.Server;
using static OpenIddict.Abstractions.OpenIddictConstants;
using static OpenIddict.Server.OpenIddictServerEvents;
using AuthServer.Operations.Logging;

namespace AuthServer.Protocol.Token;

/// <summary>
/// Checks the authenticated client's grant and scope permissions right after client authentication
/// and before any subject token is validated, so no client can make AuthServer call a Bubble app it
/// may not use, and a scope the client lacks is answered <c>invalid_scope</c> as RFC 6749 says. A public
/// client may not exchange Bubble tokens or redeem refresh tokens: both need the client's secret.
/// </summary>
public sealed class ClientPermissionGate(IOpenIddictApplicationManager applications, ILogger<ClientPermissionGate> logger)
    : IOpenIddictServerHandler<ProcessAuthenticationContext>
{
    public static OpenIddictServerHandlerDescriptor Descriptor { get; } =
        OpenIddictServerHandlerDescriptor.CreateBuilder<ProcessAuthenticationContext>()
            .UseScopedHandler<ClientPermissionGate>()
            .SetOrder(OpenIddictServerHandlers.ValidateClientSecret.Descriptor.Order + 500)
            .AddFilter<OpenIddictServerHandlerFilters.RequireTokenRequest>()
            .SetType(OpenIddictServerHandlerType.Custom)
            .Build();

    public async ValueTask HandleAsync(ProcessAuthenticationContext context)
    {
        if (context.Request.GrantType is not { } grantType)
        {
            return;
        }

        var client = await ClientPolicy.FindAsync(applications, context.Transaction, context.ClientId, context.CancellationToken);
        if (client is null)
        {
            return; // OpenIddict's own client checks answer invalid_client.
        }

        if (!client.MayUseGrant(grantType))
        {
            logger.ClientGrantRefused(client.ClientId, grantType);
            context.Reject(Errors.UnauthorizedClient, "This client may not use the requested grant type.");
            return;
        }

        // Configuration and the CLI no longer create such clients; one stored before that rule is refused here.
        if (client.IsPublic && grantType is GrantTypes.TokenExchange or GrantTypes.RefreshToken)
        {
            logger.PublicClientRefused(client.ClientId, grantType);
            context.Reject(Errors.UnauthorizedClient, $"Only a confidential client may use the '{grantType}' grant.");
            return;
        }

        var refused = context.Request.GetScopes().Where(scope => !client.MayRequestScope(scope)).ToList();
        if (refused.Count > 0)
        {
            context.Reject(Errors.InvalidScope, "This client may not request one or more of the requested scopes.");
        }
    }
}
