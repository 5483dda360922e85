using AuthServer.Bubble;
using AuthServer.Clients;
using OpenIddict.Abstractions;
using OpenIddict.Server;
using static OpenIddict.Abstractions.OpenIddictConstants;
using static OpenIddict.Server.OpenIddictServerEvents;
using AuthServer.Operations.Logging;
using AuthServer.Protocol.Token.Refresh;
using AuthServer.Protocol.Filters;

namespace AuthServer.Protocol.Token.Exchange;

/// <summary>
/// Completes a Bubble token exchange: OpenIddict has attached the validated Bubble principal
/// (subject, email, chosen fields); this adds the client, the granted scopes and their audiences,
/// and binds the chain to the Bubble app, so a refresh after the client moves to another app fails.
/// </summary>
public sealed class TokenExchangePrincipalHandler(
    IOpenIddictApplicationManager applications,
    ILogger<TokenExchangePrincipalHandler> logger) : IOpenIddictServerHandler<HandleTokenRequestContext>
{
    public static OpenIddictServerHandlerDescriptor Descriptor { get; } =
        OpenIddictServerHandlerDescriptor.CreateBuilder<HandleTokenRequestContext>()
            .UseScopedHandler<TokenExchangePrincipalHandler>()
            // One grant's principal handler each (exchange, refresh, client_credentials), at distinct orders so that
            // OpenIddict's unstable sort never decides their sequence; a request has one grant anyway.
            .SetOrder(OpenIddictServerHandlers.Exchange.AttachPrincipal.Descriptor.Order + 1_000)
            .AddFilter<RequireTokenExchangeGrant>()
            .SetType(OpenIddictServerHandlerType.Custom)
            .Build();

    public async ValueTask HandleAsync(HandleTokenRequestContext context)
    {
        if (context.Request.SubjectTokenType != BubbleTokenTypes.User)
        {
            return;
        }

        var principal = context.Principal
            ?? throw new InvalidOperationException("OpenIddict attached no subject principal to the token exchange.");
        var access = GrantedAccess.Get(context.Transaction)
            ?? throw new InvalidOperationException("The granted access was not resolved before the token exchange.");
        var clientId = context.Request.ClientId!;
        var client = await ClientPolicy.RequireAsync(applications, context.Transaction, clientId, context.CancellationToken);

        principal.SetClaim(Claims.ClientId, clientId);
        ChainClaims.SetBubbleApp(principal, client.BubbleAppUrl);
        AccessTokenPrincipalFactory.Apply(principal, access);

        logger.TokenIssued(clientId, principal.GetClaim(Claims.Subject) ?? "", GrantTypes.TokenExchange, string.Join(' ', access.Scopes));
    }
}
