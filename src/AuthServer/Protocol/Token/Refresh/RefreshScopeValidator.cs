using OpenIddict.Abstractions;
using OpenIddict.Server;
using static OpenIddict.Abstractions.OpenIddictConstants;
using static OpenIddict.Server.OpenIddictServerEvents;
using AuthServer.Protocol.Filters;

namespace AuthServer.Protocol.Token.Refresh;

/// <summary>
/// A refresh may narrow the scope, never widen it. RFC 6749 §5.2 names that error
/// <c>invalid_scope</c> ("exceeds the scope granted"); OpenIddict would answer invalid_grant.
/// </summary>
public sealed class RefreshScopeValidator : IOpenIddictServerHandler<ValidateTokenRequestContext>
{
    public static OpenIddictServerHandlerDescriptor Descriptor { get; } =
        OpenIddictServerHandlerDescriptor.CreateBuilder<ValidateTokenRequestContext>()
            .UseSingletonHandler<RefreshScopeValidator>()
            .SetOrder(OpenIddictServerHandlers.Exchange.ValidateGrantedScopes.Descriptor.Order - 500)
            .AddFilter<RequireRefreshTokenGrant>()
            .SetType(OpenIddictServerHandlerType.Custom)
            .Build();

    public ValueTask HandleAsync(ValidateTokenRequestContext context)
    {
        if (context.RefreshTokenPrincipal is { } principal)
        {
            var granted = principal.GetScopes();
            // The description names no scope: descriptions never quote the request (docs/reference.md, Errors).
            if (context.Request.GetScopes().Any(scope => !granted.Contains(scope)))
            {
                context.Reject(Errors.InvalidScope, "The refresh token was not granted one or more of the requested scopes.");
            }
        }

        return default;
    }
}
