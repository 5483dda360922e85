using System.Collections.Immutable;
using OpenIddict.Server;

namespace AuthServer.Protocol.Introspection;

/// <summary>
/// The introspection endpoint's own handlers (connect/introspect). Its error, guard and issuer handlers are in
/// the lists of ErrorResponses, Guards and Discovery, which serve several endpoints.
/// </summary>
public static class IntrospectionHandlers
{
    public static ImmutableArray<OpenIddictServerHandlerDescriptor> DefaultHandlers { get; } =
    [
        // ValidateIntrospectionRequest: only a declared resource server introspects a token for its audience.
        ResourceServerIntrospectionGate.Descriptor,
    ];
}
