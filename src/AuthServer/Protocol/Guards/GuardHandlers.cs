using System.Collections.Immutable;
using OpenIddict.Server;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace AuthServer.Protocol.Guards;

/// <summary>
/// The guards of the endpoints where a client authenticates (token, introspection, revocation): one client per
/// request, impossible ids refused early, rate limits and the lockout's count of failed authentications.
/// </summary>
public static class GuardHandlers
{
    public static ImmutableArray<OpenIddictServerHandlerDescriptor> DefaultHandlers { get; } =
    [
        // Extract*Request: HTTP Basic and the form name one client.
        BasicClientIdMismatch<ExtractTokenRequestContext>.Descriptor,
        BasicClientIdMismatch<ExtractIntrospectionRequestContext>.Descriptor,
        BasicClientIdMismatch<ExtractRevocationRequestContext>.Descriptor,

        // ProcessAuthentication, before OpenIddict looks the client up.
        ImpossibleClientIdHandler.Descriptor,
        ClientRateLimitHandler.Descriptor,

        // Apply*Response: every invalid_client counts toward the lockout.
        FailedAuthenticationRecorder<ApplyTokenResponseContext>.Descriptor,
        FailedAuthenticationRecorder<ApplyIntrospectionResponseContext>.Descriptor,
        FailedAuthenticationRecorder<ApplyRevocationResponseContext>.Descriptor,
    ];
}
