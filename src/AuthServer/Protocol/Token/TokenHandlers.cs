using System.Collections.Immutable;
using OpenIddict.Server;

namespace AuthServer.Protocol.Token;

/// <summary>
/// The token endpoint's handlers that every grant meets (each grant's own are in its folder's list). In the order a
/// request meets them; their <c>Order</c> values, not this list, decide the order they run in.
/// </summary>
public static class TokenHandlers
{
    public static ImmutableArray<OpenIddictServerHandlerDescriptor> DefaultHandlers { get; } =
    [
        // ExtractTokenRequest: the form as OpenIddict read it.
        ScopeListLimit.Descriptor,
        EmptyTargetParameters.Descriptor,

        // ProcessAuthentication, once the client is authenticated: what it may ask for, and what it is granted.
        ScopeListLimit.RefusalDescriptor,
        ClientPermissionGate.Descriptor,
        GrantedAccessGate.Descriptor,

        // ValidateTokenRequest: OpenIddict's scope check, after client authentication (replaces ValidateScopes).
        AuthenticatedScopeValidation.Descriptor,

        // ProcessSignIn and GenerateToken: what is stored, and the scope every response names.
        StoredClientGate.Descriptor,
        ClientAccessTokenLifetime.Descriptor,
        AccessTokenStorage.Descriptor,
        TokenResponseScopeHandler.Descriptor,
    ];

    /// <summary>OpenIddict's token-request handlers that this folder replaces; removed before ours are added.</summary>
    public static ImmutableArray<OpenIddictServerHandlerDescriptor> ReplacedHandlers { get; } =
    [
        // Audiences follow from scopes: a request's audience/resource may only narrow them (GrantedAccess), so
        // OpenIddict's registry-based audience and resource checks do not apply (OpenIddictServerSetup also sets
        // IgnoreAudiencePermissions and IgnoreResourcePermissions).
        OpenIddictServerHandlers.Exchange.ValidateResourceParameter.Descriptor,
        OpenIddictServerHandlers.Exchange.ValidateAudiences.Descriptor,
        OpenIddictServerHandlers.Exchange.ValidateResources.Descriptor,

        // The client is authenticated before any scope is looked up: AuthenticatedScopeValidation runs it later.
        OpenIddictServerHandlers.Exchange.ValidateScopes.Descriptor,
    ];
}
