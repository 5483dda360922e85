using AuthServer.Clients;
using AuthServer.Logging;
using OpenIddict.Abstractions;
using OpenIddict.Server;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace AuthServer.Grants;

/// <summary>RFC 6749 §4.4: a script authenticates as itself; the token's subject is the client id.</summary>
public sealed class ClientCredentialsPrincipalHandler(
    IOpenIddictApplicationManager applications,
    AccessTokenPrincipalFactory principals,
    ILogger<ClientCredentialsPrincipalHandler> logger) : IOpenIddictServerHandler<HandleTokenRequestContext>
{
    public static OpenIddictServerHandlerDescriptor Descriptor { get; } =
        OpenIddictServerHandlerDescriptor.CreateBuilder<HandleTokenRequestContext>()
            .UseScopedHandler<ClientCredentialsPrincipalHandler>()
            .SetOrder(OpenIddictServerHandlers.Exchange.AttachPrincipal.Descriptor.Order + 1_000)
            .SetType(OpenIddictServerHandlerType.Custom)
            .Build();

    public async ValueTask HandleAsync(HandleTokenRequestContext context)
    {
        if (!context.Request.IsClientCredentialsGrantType())
        {
            return;
        }

        var clientId = context.Request.ClientId!;
        var client = await ClientPolicy.RequireAsync(applications, context.Transaction, clientId, context.CancellationToken);
        context.Principal = await principals.CreateAsync(clientId, clientId, client.GrantedScopes(context.Request.GetScopes()),
            context.CancellationToken);
        logger.TokenIssued(clientId, clientId, OpenIddictConstants.GrantTypes.ClientCredentials, string.Join(' ', context.Principal.GetScopes()));
    }
}
