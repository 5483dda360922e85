using OpenIddict.Abstractions;
using OpenIddict.Server;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace AuthServer.Engine;

/// <summary>
/// OpenIddict's reference-token lookup, except for subject tokens that are never stored (Bubble user tokens, as
/// the composition root names them in <see cref="UnstoredSubjectTokenTypes"/>). A Bubble token is not a JWT, so
/// OpenIddict looked it up in the token table on every exchange: a pointless query that cost a sixth of an
/// exchange. Every other token is looked up as before. A handler type of its own, because removing OpenIddict's
/// descriptor removes every descriptor of its type.
/// </summary>
public sealed class BubbleAwareReferenceTokenLookup(IOpenIddictTokenManager tokens, UnstoredSubjectTokenTypes unstored)
    : IOpenIddictServerHandler<ValidateTokenContext>
{
    private readonly OpenIddictServerHandlers.Protection.ValidateReferenceTokenIdentifier _lookup = new(tokens);

    public static OpenIddictServerHandlerDescriptor Descriptor { get; } =
        OpenIddictServerHandlerDescriptor.CreateBuilder<ValidateTokenContext>()
            .AddFilter<OpenIddictServerHandlerFilters.RequireDegradedModeDisabled>()
            .AddFilter<OpenIddictServerHandlerFilters.RequireTokenStorageEnabled>()
            .UseScopedHandler<BubbleAwareReferenceTokenLookup>()
            .SetOrder(OpenIddictServerHandlers.Protection.ValidateReferenceTokenIdentifier.Descriptor.Order)
            .SetType(OpenIddictServerHandlerType.Custom)
            .Build();

    public ValueTask HandleAsync(ValidateTokenContext context) =>
        unstored.Includes(context) ? default : _lookup.HandleAsync(context);
}
