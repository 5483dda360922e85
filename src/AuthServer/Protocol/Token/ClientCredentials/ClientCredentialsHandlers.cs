using System.Collections.Immutable;
using OpenIddict.Server;

namespace AuthServer.Protocol.Token.ClientCredentials;

/// <summary>The client_credentials grant's own handlers (RFC 6749 §4.4); those of every grant are in <see cref="TokenHandlers"/>.</summary>
public static class ClientCredentialsHandlers
{
    public static ImmutableArray<OpenIddictServerHandlerDescriptor> DefaultHandlers { get; } =
    [
        // HandleTokenRequest: the client is the subject.
        ClientCredentialsPrincipalHandler.Descriptor,
    ];
}
