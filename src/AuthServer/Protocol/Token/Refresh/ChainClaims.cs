using System.Globalization;
using System.Security.Claims;
using OpenIddict.Abstractions;

namespace AuthServer.Protocol.Token.Refresh;

/// <summary>
/// Claims kept in a refresh token chain for AuthServer's own checks and never copied into an access token (they get
/// no destination): the Bubble app whose user started the chain, the chain's absolute end, and when Bubble last
/// confirmed the login it came from. Carried by the chain's refresh tokens, so a refresh decides without a store read
/// unless a Bubble session check is due.
/// </summary>
public static class ChainClaims
{
    public const string BubbleApp = "bubble_app";
    public const string SessionEnds = "session_ends";
    public const string BubbleConfirmed = "bubble_confirmed";

    /// <summary>Ours: a Bubble field of the same name may not overwrite them (ClientRules.ReservedClaims).</summary>
    public static readonly IReadOnlyList<string> All = [BubbleApp, SessionEnds, BubbleConfirmed];

    public static void SetBubbleApp(ClaimsPrincipal principal, string? appUrl) => principal.SetClaim(BubbleApp, appUrl);

    public static string? GetBubbleApp(ClaimsPrincipal principal) => principal.GetClaim(BubbleApp);

    public static void SetSessionEnds(ClaimsPrincipal principal, DateTime endsUtc) => SetTime(principal, SessionEnds, endsUtc);

    /// <summary>Null for a chain begun without a session (before sessions were kept).</summary>
    public static DateTime? GetSessionEnds(ClaimsPrincipal principal) => GetTime(principal, SessionEnds);

    public static void SetBubbleConfirmed(ClaimsPrincipal principal, DateTime confirmedUtc) => SetTime(principal, BubbleConfirmed, confirmedUtc);

    public static DateTime? GetBubbleConfirmed(ClaimsPrincipal principal) => GetTime(principal, BubbleConfirmed);

    /// <summary>
    /// Sends every claim to the access token except the chain's own. OpenIddict's private claims (<c>oi_…</c>:
    /// scopes, resources and the like) get none: OpenIddict keeps or drops those itself whatever their
    /// destinations, and writing a destination costs a JSON document per claim.
    /// </summary>
    public static void SetAccessTokenDestinations(ClaimsPrincipal principal) =>
        principal.SetDestinations(static claim => All.Contains(claim.Type) || OpenIddictPrivateClaims.Is(claim.Type)
            ? []
            : [OpenIddictConstants.Destinations.AccessToken]);

    private static void SetTime(ClaimsPrincipal principal, string type, DateTime utc) =>
        principal.SetClaim(type, new DateTimeOffset(utc, TimeSpan.Zero).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture));

    private static DateTime? GetTime(ClaimsPrincipal principal, string type) =>
        long.TryParse(principal.GetClaim(type), NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
            ? DateTimeOffset.FromUnixTimeSeconds(seconds).UtcDateTime
            : null;
}
