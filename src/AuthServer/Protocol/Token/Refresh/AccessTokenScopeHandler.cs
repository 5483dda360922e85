using OpenIddict.Abstractions;
using OpenIddict.Server;
using static OpenIddict.Server.OpenIddictServerEvents;
using AuthServer.Protocol.Filters;

namespace AuthServer.Protocol.Token.Refresh;

/// <summary>
/// A refresh keeps the chain's scope in its new refresh token (RFC 6749 §6), while its access token gets only what
/// <see cref="GrantedAccess"/> granted: the narrower scope asked for and, when <c>resource</c> narrowed the audience,
/// only the scopes of the kept audiences. OpenIddict derives the access token from the refresh principal and narrows
/// it to a requested <c>scope</c> alone, so this sets the granted scopes once that principal is prepared.
/// (An exchange and client_credentials sign in with the granted scopes already.)
/// </summary>
public sealed class AccessTokenScopeHandler : IOpenIddictServerHandler<ProcessSignInContext>
{
    public static OpenIddictServerHandlerDescriptor Descriptor { get; } =
        OpenIddictServerHandlerDescriptor.CreateBuilder<ProcessSignInContext>()
            .UseSingletonHandler<AccessTokenScopeHandler>()
            .SetOrder(OpenIddictServerHandlers.PrepareAccessTokenPrincipal.Descriptor.Order + 500)
            .AddFilter<RequireRefreshTokenGrant>()
            .SetType(OpenIddictServerHandlerType.Custom)
            .Build();

    public ValueTask HandleAsync(ProcessSignInContext context)
    {
        if (context.AccessTokenPrincipal is { } principal && GrantedAccess.Get(context.Transaction) is { } access)
        {
            principal.SetScopes(access.Scopes);
        }

        return default;
    }
}
