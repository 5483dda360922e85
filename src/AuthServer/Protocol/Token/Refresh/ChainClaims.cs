using System.Security.Claims;
using OpenIddict.Abstractions;

namespace AuthServer.Protocol.Token.Refresh;

/// <summary>
/// Claims kept in a refresh token chain for AuthServer's own checks and never copied into an access
/// token (they get no destination): the Bubble app whose user started the chain.
/// </summary>
public static class ChainClaims
{
    public const string BubbleApp = "bubble_app";

    public static void SetBubbleApp(ClaimsPrincipal principal, string? appUrl) => principal.SetClaim(BubbleApp, appUrl);

    public static string? GetBubbleApp(ClaimsPrincipal principal) => principal.GetClaim(BubbleApp);

    /// <summary>
    /// Sends every claim to the access token except the chain's own. OpenIddict's private claims (<c>oi_…</c>:
    /// scopes, resources and the like) get none: OpenIddict keeps or drops those itself whatever their
    /// destinations, and writing a destination costs a JSON document per claim.
    /// </summary>
    public static void SetAccessTokenDestinations(ClaimsPrincipal principal) =>
        principal.SetDestinations(static claim => claim.Type == BubbleApp || OpenIddictPrivateClaims.Is(claim.Type)
            ? []
            : [OpenIddictConstants.Destinations.AccessToken]);
}
