using OpenIddict.Abstractions;
using OpenIddict.Server;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace AuthServer.Protocol.Token;

/// <summary>
/// OpenIddict's check that every requested scope exists (<see cref="OpenIddictServerHandlers.Exchange.ValidateScopes"/>),
/// with its filters, moved after client authentication: OpenIddict runs it first, so an unknown client or a
/// wrong secret was answered <c>invalid_scope</c> after a store lookup per scope, and the lockout never counted it.
/// Now an unauthenticated request is <c>invalid_client</c> before any scope is looked up. A handler type of its
/// own, because removing OpenIddict's handler removes every handler of its type.
/// </summary>
public sealed class AuthenticatedScopeValidation(IOpenIddictScopeManager scopes) : IOpenIddictServerHandler<ValidateTokenRequestContext>
{
    public static OpenIddictServerHandlerDescriptor Descriptor { get; } =
        OpenIddictServerHandlerDescriptor.CreateBuilder<ValidateTokenRequestContext>()
            .Import(OpenIddictServerHandlers.Exchange.ValidateScopes.Descriptor)
            .UseScopedHandler<AuthenticatedScopeValidation>()
            .SetOrder(OpenIddictServerHandlers.Exchange.ValidateAuthentication.Descriptor.Order + 500)
            .SetType(OpenIddictServerHandlerType.Custom)
            .Build();

    private readonly OpenIddictServerHandlers.Exchange.ValidateScopes _validation = new(scopes);

    public ValueTask HandleAsync(ValidateTokenRequestContext context) => _validation.HandleAsync(context);
}
