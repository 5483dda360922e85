using AuthServer.Bubble;
using AuthServer.Options;
using Microsoft.Extensions.Options;
using OpenIddict.Server;
using static OpenIddict.Abstractions.OpenIddictConstants;
using AuthServer.Operations.Telemetry;
using AuthServer.Protocol.ClientAssertions;
using AuthServer.Protocol.Discovery;
using AuthServer.Protocol.ErrorResponses;
using AuthServer.Protocol.Guards;
using AuthServer.Protocol.Introspection;
using AuthServer.Protocol.Revocation;
using AuthServer.Protocol.Token;
using AuthServer.Protocol.Token.ClientCredentials;
using AuthServer.Protocol.Token.Exchange;
using AuthServer.Protocol.Token.Refresh;

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

        // Bubble user tokens are the only subject tokens this server exchanges.
        server.Configure(options =>
        {
            options.SubjectTokenTypes.Clear();
            options.SubjectTokenTypes.Add(BubbleTokenTypes.User);
        });

        // Audiences follow from scopes: a request's audience/resource may only narrow them (GrantedAccess),
        // so OpenIddict's registry-based audience and resource permissions do not apply (nor its checks:
        // TokenHandlers.ReplacedHandlers).
        server.Configure(options =>
        {
            options.IgnoreAudiencePermissions = true;
            options.IgnoreResourcePermissions = true;
        });

        // Our handlers, one list per folder (each list says which of OpenIddict's handlers its folder replaces).
        // The order they run in comes from their Order values: docs/pipeline shows it merged with OpenIddict's.
        server.RemoveHandlers(TokenHandlers.ReplacedHandlers).AddHandlers(TokenHandlers.DefaultHandlers);
        server.AddHandlers(ClientCredentialsHandlers.DefaultHandlers);
        server.AddHandlers(TokenExchangeHandlers.DefaultHandlers);
        server.AddHandlers(RefreshHandlers.DefaultHandlers);
        server.AddHandlers(IntrospectionHandlers.DefaultHandlers);
        server.AddHandlers(RevocationHandlers.DefaultHandlers);
        server.AddHandlers(DiscoveryHandlers.DefaultHandlers);
        server.AddHandlers(ErrorResponseHandlers.DefaultHandlers);
        server.AddHandlers(GuardHandlers.DefaultHandlers);
        server.AddHandlers(ClientAssertionHandlers.DefaultHandlers);

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
