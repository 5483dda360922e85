using OpenIddict.Abstractions;
using OpenIddict.Server;
using static OpenIddict.Server.OpenIddictServerEvents;
using AuthServer.Operations.Logging;
using AuthServer.Protocol.Filters;

namespace AuthServer.Protocol.Token.ClientCredentials;

/// <summary>RFC 6749 §4.4: a script authenticates as itself; the token's subject is the client id.</summary>
public sealed class ClientCredentialsPrincipalHandler(ILogger<ClientCredentialsPrincipalHandler> logger)
    : IOpenIddictServerHandler<HandleTokenRequestContext>
{
    public static OpenIddictServerHandlerDescriptor Descriptor { get; } =
        OpenIddictServerHandlerDescriptor.CreateBuilder<HandleTokenRequestContext>()
            .UseSingletonHandler<ClientCredentialsPrincipalHandler>()
            // One grant's principal handler each (exchange, refresh, client_credentials), at distinct orders so that
            // OpenIddict's unstable sort never decides their sequence; a request has one grant anyway.
            .SetOrder(OpenIddictServerHandlers.Exchange.AttachPrincipal.Descriptor.Order + 1_200)
            .AddFilter<RequireClientCredentialsGrant>()
            .SetType(OpenIddictServerHandlerType.Custom)
            .Build();

    public ValueTask HandleAsync(HandleTokenRequestContext context)
    {
        var clientId = context.Request.ClientId!;
        // Configuration, the CLI and the console refuse such ids; one stored behind their back would mint a user's sub.
        if (Bubble.BubbleIds.HasBubbleShape(clientId))
        {
            logger.BubbleShapedClientIdRefused(clientId);
            context.Reject(OpenIddictConstants.Errors.ServerError, "This client's id is not allowed; the server's configuration must be fixed.");
            return default;
        }

        var access = GrantedAccess.Get(context.Transaction)
            ?? throw new InvalidOperationException("The granted access was not resolved before the client_credentials grant.");
        context.Principal = AccessTokenPrincipalFactory.Create(clientId, clientId, access);
        logger.TokenIssued(clientId, clientId, OpenIddictConstants.GrantTypes.ClientCredentials, string.Join(' ', access.Scopes));
        return default;
    }
}
