using System.Collections.Immutable;
using OpenIddict.Server;

namespace AuthServer.Protocol.Revocation;

/// <summary>
/// The revocation endpoint's own handlers (connect/revoke, RFC 7009). Its error and guard handlers are in the
/// lists of ErrorResponses and Guards, which serve several endpoints. In the order a request meets them.
/// </summary>
public static class RevocationHandlers
{
    public static ImmutableArray<OpenIddictServerHandlerDescriptor> DefaultHandlers { get; } =
    [
        // ValidateRevocationRequest: a token of another client is refused, not silently ignored.
        ForeignTokenRevocationRefusal.Descriptor,

        // HandleRevocationRequest: revoking the live refresh token of a chain revokes the chain.
        RefreshChainRevocationHandler.LiveTokenMarker.Descriptor,
        RefreshChainRevocationHandler.Descriptor,
    ];
}
