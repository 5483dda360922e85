using AuthServer.Bubble;
using AuthServer.Keys;
using AuthServer.Options;
using Microsoft.Extensions.Options;
using OpenIddict.Server;
using static OpenIddict.Abstractions.OpenIddictConstants;
using static OpenIddict.Server.OpenIddictServerEvents;
using AuthServer.Operations.Telemetry;
using AuthServer.Protocol.Discovery;
using AuthServer.Protocol.ErrorResponses;
using AuthServer.Protocol.Guards;
using AuthServer.Protocol.Introspection;
using AuthServer.Protocol.Revocation;
using AuthServer.Protocol.Token;
using AuthServer.Protocol.Token.ClientCredentials;
using AuthServer.Protocol.Token.Exchange;
using AuthServer.Protocol.Token.Refresh;
using AuthServer.Storage;

namespace AuthServer.Protocol;

/// <summary>OpenIddict's server as AuthServer runs it: endpoints, flows, and our handlers in the pipeline.</summary>
public static class OpenIddictServerSetup
{
    public static void Configure(OpenIddictServerBuilder server)
    {
        server.SetTokenEndpointUris("connect/token")
            .SetIntrospectionEndpointUris("connect/introspect")
            .SetRevocationEndpointUris("connect/revoke")
            // RFC 8414's default path serves the same metadata as OpenID Connect Discovery's.
            .SetConfigurationEndpointUris(".well-known/openid-configuration", ".well-known/oauth-authorization-server")
            .SetJsonWebKeySetEndpointUris(".well-known/jwks");

        server.AllowClientCredentialsFlow().AllowRefreshTokenFlow().AllowTokenExchangeFlow();
        server.DisableAccessTokenEncryption();
        server.Configure(OAuthOnlyDiscovery.ConfigureOptions);

        // The contract offers shared secrets only: client_secret_basic and client_secret_post.
        server.Configure(options => options.ClientAuthenticationMethods.Remove(ClientAuthenticationMethods.PrivateKeyJwt));

        // Bubble user tokens are the only subject tokens this server exchanges.
        server.Configure(options =>
        {
            options.SubjectTokenTypes.Clear();
            options.SubjectTokenTypes.Add(BubbleTokenTypes.User);
        });

        // Audiences follow from scopes: a request's audience/resource may only narrow them (GrantedAccess),
        // so OpenIddict's registry-based audience and resource checks and permissions do not apply.
        server.Configure(options =>
        {
            options.IgnoreAudiencePermissions = true;
            options.IgnoreResourcePermissions = true;
        });
        server.RemoveEventHandler(OpenIddictServerHandlers.Exchange.ValidateResourceParameter.Descriptor)
            .RemoveEventHandler(OpenIddictServerHandlers.Exchange.ValidateAudiences.Descriptor)
            .RemoveEventHandler(OpenIddictServerHandlers.Exchange.ValidateResources.Descriptor);

        // The client is authenticated before any scope is looked up, and a huge scope list is refused cheaply.
        server.RemoveEventHandler(OpenIddictServerHandlers.Exchange.ValidateScopes.Descriptor)
            .AddEventHandler(AuthenticatedScopeValidation.Descriptor)
            .AddEventHandler(ScopeListLimit.Descriptor)
            .AddEventHandler(ScopeListLimit.RefusalDescriptor);

        // RFC 6749 §3.2: an empty audience or resource is omitted, before any grant reads it.
        server.AddEventHandler(EmptyTargetParameters.Descriptor);

        server.AddEventHandler(ClientPermissionGate.Descriptor)
            .AddEventHandler(GrantedAccessGate.Descriptor)
            .AddEventHandler(ClientCredentialsPrincipalHandler.Descriptor)
            .AddEventHandler(AccessTokenStorage.Descriptor)
            .AddEventHandler(AccessTokenChainResolver.Descriptor)
            .AddEventHandler(StoredClientGate.Descriptor)
            .AddEventHandler(ActorTokenRefusal.Descriptor)
            .AddEventHandler(BubbleSubjectTokenValidator.Descriptor)
            .AddEventHandler(RefreshTokenValidationKeys.Descriptor)
            .AddEventHandler(TokenExchangePrincipalHandler.Descriptor)
            .AddEventHandler(RefreshTokenPrincipalHandler.Descriptor)
            .AddEventHandler(AccessTokenScopeHandler.Descriptor)
            .AddEventHandler(RefreshTokenReplayDetector.Descriptor)
            .AddEventHandler(RefreshTokenRedemption.Descriptor)
            .AddEventHandler(RotatedTokenReadGuard.Descriptor)
            .AddEventHandler(ForeignTokenRevocationRefusal.Descriptor)
            .AddEventHandler(RefreshChainRevocationHandler.Descriptor)
            .AddEventHandler(RefreshChainRevocationHandler.LiveTokenMarker.Descriptor)
            .AddEventHandler(RefreshScopeValidator.Descriptor)
            .AddEventHandler(ResourceServerIntrospectionGate.Descriptor)
            .AddEventHandler(TokenResponseScopeHandler.Descriptor)
            .AddEventHandler(TemporarilyUnavailableHandler<ApplyTokenResponseContext>.Descriptor)
            .AddEventHandler(TemporarilyUnavailableHandler<ApplyIntrospectionResponseContext>.Descriptor)
            .AddEventHandler(TemporarilyUnavailableHandler<ApplyRevocationResponseContext>.Descriptor)
            .AddEventHandler(OAuthOnlyDiscovery.Descriptor)
            .AddEventHandler(IssuerBasedEndpoints.Descriptor)
            .AddEventHandler(CanonicalIssuerHandler<ApplyConfigurationResponseContext>.Descriptor)
            .AddEventHandler(CanonicalIssuerHandler<ApplyIntrospectionResponseContext>.Descriptor);

        server.AddEventHandler(SafeErrorDescription<ApplyTokenResponseContext>.Descriptor)
            .AddEventHandler(SafeErrorDescription<ApplyIntrospectionResponseContext>.Descriptor)
            .AddEventHandler(SafeErrorDescription<ApplyRevocationResponseContext>.Descriptor)
            .AddEventHandler(SafeErrorDescription<ApplyConfigurationResponseContext>.Descriptor)
            .AddEventHandler(SafeErrorDescription<ApplyJsonWebKeySetResponseContext>.Descriptor)
            .AddEventHandler(ClientAuthenticationFailure<ApplyTokenResponseContext>.Descriptor)
            .AddEventHandler(ClientAuthenticationFailure<ApplyIntrospectionResponseContext>.Descriptor)
            .AddEventHandler(ClientAuthenticationFailure<ApplyRevocationResponseContext>.Descriptor)
            .AddEventHandler(BasicClientIdMismatch<ExtractTokenRequestContext>.Descriptor)
            .AddEventHandler(BasicClientIdMismatch<ExtractIntrospectionRequestContext>.Descriptor)
            .AddEventHandler(BasicClientIdMismatch<ExtractRevocationRequestContext>.Descriptor);

        server.AddEventHandler(ImpossibleClientIdHandler.Descriptor)
            .AddEventHandler(ClientRateLimitHandler.Descriptor)
            .AddEventHandler(FailedAuthenticationRecorder<ApplyTokenResponseContext>.Descriptor)
            .AddEventHandler(FailedAuthenticationRecorder<ApplyIntrospectionResponseContext>.Descriptor)
            .AddEventHandler(FailedAuthenticationRecorder<ApplyRevocationResponseContext>.Descriptor);

        server.AddEventHandler(TokenEndpointMetrics.Descriptor);

        server.UseAspNetCore();
    }

    public static void ApplyAuthOptions(OpenIddictServerOptions server, IOptions<AuthOptions> authOptions, TimeProvider clock)
    {
        var auth = authOptions.Value;
        if (auth.Issuer is not null)
        {
            server.Issuer = new Uri(auth.Issuer, UriKind.Absolute);
        }

        server.AccessTokenLifetime = auth.AccessTokenLifetime;
        server.RefreshTokenLifetime = auth.RefreshTokenLifetime;
        server.RefreshTokenReuseLeeway = auth.RefreshTokenReuseLeeway;
        server.JsonWebTokenHandler = new Rfc9068TokenHandler();
        server.TimeProvider = clock;
    }
}
