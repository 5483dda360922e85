using OpenIddict.Server;
using static OpenIddict.Abstractions.OpenIddictConstants;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace AuthServer.Protocol.Discovery;

/// <summary>
/// Makes discovery advertise exactly what this server does. OpenIddict writes an OpenID Connect
/// provider's document; this server has no authorization endpoint, no ID tokens and no user
/// interface, so the OpenID-only and authorization-request metadata are dropped, and the claims of
/// its access tokens are listed.
/// </summary>
public sealed class OAuthOnlyDiscovery : IOpenIddictServerHandler<HandleConfigurationRequestContext>
{
    /// <summary>
    /// RFC 8414 requires <c>response_types_supported</c>, and strict clients (Authlib) refuse an
    /// empty array. No response type that returns a code or a token exists here; <c>none</c> is the
    /// registered value that promises neither, so it is the only honest non-empty answer.
    /// </summary>
    public const string ResponseTypeNone = "none";

    /// <summary>The claims every access token may carry (RFC 9068 plus <c>email</c> from Bubble).
    /// Per-client <c>BubbleClaims</c> are not listed: RFC 8414 lets a server leave some out.</summary>
    public static readonly string[] TokenClaims =
    [
        Claims.Issuer, Claims.Subject, Claims.Audience, Claims.ExpiresAt, Claims.IssuedAt, Claims.NotBefore,
        Claims.JwtId, Claims.ClientId, Claims.Scope, Claims.Email,
    ];

    // Metadata about authorization requests, which this server never receives.
    private static readonly string[] AuthorizationRequestMetadata =
    [
        Metadata.AuthorizationResponseIssParameterSupported, Metadata.ClaimsParameterSupported,
        Metadata.RequestParameterSupported, Metadata.RequestUriParameterSupported,
    ];
    // OpenIddict always writes require_pushed_authorization_requests and
    // tls_client_certificate_bound_access_tokens from typed properties; both say false, which is true here.

    // After every built-in Attach* handler (the last is AttachAdditionalMetadata), before the document is built.
    public static OpenIddictServerHandlerDescriptor Descriptor { get; } =
        OpenIddictServerHandlerDescriptor.CreateBuilder<HandleConfigurationRequestContext>()
            .UseSingletonHandler<OAuthOnlyDiscovery>()
            .SetOrder(OpenIddictServerHandlers.Discovery.AttachAdditionalMetadata.Descriptor.Order + 1_000)
            .SetType(OpenIddictServerHandlerType.Custom)
            .Build();

    /// <summary>What the options themselves must say: asking for <c>openid</c> is refused, so it is not a scope.</summary>
    public static void ConfigureOptions(OpenIddictServerOptions options)
    {
        options.Scopes.Remove(Scopes.OpenId);
        options.Claims.Clear();
        options.Claims.UnionWith(TokenClaims);
    }

    public ValueTask HandleAsync(HandleConfigurationRequestContext context)
    {
        context.ResponseTypes.Clear();
        context.ResponseTypes.Add(ResponseTypeNone);
        context.ResponseModes.Clear();
        context.IdTokenSigningAlgorithms.Clear();
        context.SubjectTypes.Clear();
        context.PromptValues.Clear();
        context.CodeChallengeMethods.Clear();
        context.Scopes.Remove(Scopes.OpenId);
        foreach (var name in AuthorizationRequestMetadata)
        {
            context.Metadata.Remove(name);
        }

        return default;
    }
}
