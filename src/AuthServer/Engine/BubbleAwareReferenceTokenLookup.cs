using OpenIddict.Abstractions;
using OpenIddict.Server;
using static OpenIddict.Server.OpenIddictServerEvents;
using AuthServer.Protocol.ErrorResponses;
using AuthServer.Protocol.Token;
using AuthServer.Protocol.Token.Exchange;
using AuthServer.Protocol.Token.Refresh;

namespace AuthServer.Engine;

/// <summary>
/// OpenIddict's reference-token lookup, except for Bubble subject tokens. A Bubble token is not a JWT,
/// so OpenIddict looked it up in the token table on every exchange: a pointless query (Bubble tokens
/// are never stored) that cost a sixth of an exchange. Every other token is looked up as before. A
/// handler type of its own, because removing OpenIddict's descriptor removes every descriptor of its type.
/// </summary>
public sealed class BubbleAwareReferenceTokenLookup(IOpenIddictTokenManager tokens) : IOpenIddictServerHandler<ValidateTokenContext>
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
        BubbleSubjectTokenValidator.IsBubbleSubjectToken(context) ? default : _lookup.HandleAsync(context);
}
