using System.Collections.Immutable;
using OpenIddict.Server;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace AuthServer.Protocol.ErrorResponses;

/// <summary>The error answers of every endpoint: safe descriptions, one shape for failed client authentication, 503/429 with Retry-After.</summary>
public static class ErrorResponseHandlers
{
    public static ImmutableArray<OpenIddictServerHandlerDescriptor> DefaultHandlers { get; } =
    [
        SafeErrorDescription<ApplyTokenResponseContext>.Descriptor,
        SafeErrorDescription<ApplyIntrospectionResponseContext>.Descriptor,
        SafeErrorDescription<ApplyRevocationResponseContext>.Descriptor,
        SafeErrorDescription<ApplyConfigurationResponseContext>.Descriptor,
        SafeErrorDescription<ApplyJsonWebKeySetResponseContext>.Descriptor,

        ClientAuthenticationFailure<ApplyTokenResponseContext>.Descriptor,
        ClientAuthenticationFailure<ApplyIntrospectionResponseContext>.Descriptor,
        ClientAuthenticationFailure<ApplyRevocationResponseContext>.Descriptor,

        TemporarilyUnavailableHandler<ApplyTokenResponseContext>.Descriptor,
        TemporarilyUnavailableHandler<ApplyIntrospectionResponseContext>.Descriptor,
        TemporarilyUnavailableHandler<ApplyRevocationResponseContext>.Descriptor,
    ];
}
