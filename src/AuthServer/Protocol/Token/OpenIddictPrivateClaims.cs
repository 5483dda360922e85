
namespace AuthServer.Protocol.Token;

/// <summary>
/// OpenIddict's own claims (<c>oi_…</c>: scopes, resources, token ids and the like). OpenIddict keeps or
/// drops them itself, by this prefix compared without case, so no client may name one and none needs a
/// destination.
/// </summary>
public static class OpenIddictPrivateClaims
{
    public static bool Is(string claimType) => claimType.StartsWith("oi_", StringComparison.OrdinalIgnoreCase);
}
