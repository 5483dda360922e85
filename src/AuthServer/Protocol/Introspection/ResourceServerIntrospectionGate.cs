using AuthServer.Clients;
using OpenIddict.Abstractions;
using OpenIddict.Server;
using static OpenIddict.Abstractions.OpenIddictConstants;
using static OpenIddict.Server.OpenIddictServerEvents;
using AuthServer.Operations.Logging;

namespace AuthServer.Protocol.Introspection;

/// <summary>
/// OpenIddict lets a client introspect an access token whose <c>aud</c> holds its id, with the token's scope and
/// claims (resource-server introspection). Only a client declared as that API's resource server
/// (<c>Clients:N:ResourceServer</c>) may: the rules refuse a client id equal to a resource otherwise, and this check
/// holds when a store holds one anyway (edited behind their back, or a scope's resources changed in configuration).
/// The token's own client (its presenter) is not concerned. The refusal is OpenIddict's: <c>active: false</c>.
/// </summary>
public sealed class ResourceServerIntrospectionGate(IOpenIddictApplicationManager applications, ILogger<ResourceServerIntrospectionGate> logger)
    : IOpenIddictServerHandler<ValidateIntrospectionRequestContext>
{
    public static OpenIddictServerHandlerDescriptor Descriptor { get; } =
        OpenIddictServerHandlerDescriptor.CreateBuilder<ValidateIntrospectionRequestContext>()
            .UseScopedHandler<ResourceServerIntrospectionGate>()
            .SetOrder(OpenIddictServerHandlers.Introspection.ValidateAuthorizedParty.Descriptor.Order + 100)
            .SetType(OpenIddictServerHandlerType.Custom)
            .Build();

    public async ValueTask HandleAsync(ValidateIntrospectionRequestContext context)
    {
        if (context.GenericTokenPrincipal is not { } principal || string.IsNullOrEmpty(context.ClientId)
            || !principal.HasTokenType(TokenTypeIdentifiers.AccessToken)
            || !principal.HasAudience(context.ClientId) || principal.HasPresenter(context.ClientId))
        {
            return;
        }

        var client = await ClientPolicy.FindAsync(applications, context.Transaction, context.ClientId, context.CancellationToken);
        if (client is { IsResourceServer: true })
        {
            return;
        }

        logger.UndeclaredResourceServerIntrospection(context.ClientId);
        context.Reject(Errors.InvalidToken, "The token cannot be introspected by this client.");
    }
}
