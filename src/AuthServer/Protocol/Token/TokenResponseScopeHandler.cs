using OpenIddict.Abstractions;
using OpenIddict.Server;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace AuthServer.Protocol.Token;

/// <summary>
/// The contract promises <c>scope</c> in every token response; OpenIddict sends it only when it
/// differs from the request, and never for a token exchange.
/// </summary>
public sealed class TokenResponseScopeHandler : IOpenIddictServerHandler<ProcessSignInContext>
{
    public static OpenIddictServerHandlerDescriptor Descriptor { get; } =
        OpenIddictServerHandlerDescriptor.CreateBuilder<ProcessSignInContext>()
            .UseSingletonHandler<TokenResponseScopeHandler>()
            .SetOrder(OpenIddictServerHandlers.AttachSignInParameters.Descriptor.Order + 1_000)
            .AddFilter<OpenIddictServerHandlerFilters.RequireTokenRequest>()
            .SetType(OpenIddictServerHandlerType.Custom)
            .Build();

    public ValueTask HandleAsync(ProcessSignInContext context)
    {
        if ((context.AccessTokenPrincipal ?? context.IssuedTokenPrincipal) is { } principal
            && !string.IsNullOrEmpty(context.Response.AccessToken))
        {
            context.Response.Scope = string.Join(' ', principal.GetScopes());
        }

        return default;
    }
}
