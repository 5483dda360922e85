using System.Security.Claims;
using AuthServer.Clients;
using AuthServer.Options;
using OpenIddict.Abstractions;

namespace AuthServer.Protocol.Token.Refresh;

/// <summary>How long a chain may live in all, and the refresh tokens that never outlive it.</summary>
public static class SessionLifetime
{
    public static TimeSpan Absolute(AuthOptions auth, ClientPolicy client) =>
        client.RefreshTokenAbsoluteLifetime ?? auth.RefreshTokenAbsoluteLifetime;

    /// <summary>
    /// The next refresh token expires at the chain's end when that comes before its sliding lifetime, so introspection
    /// and the expiry check agree with the end (OpenIddict prefers a lifetime attached to the principal).
    /// </summary>
    public static void CapRefreshToken(ClaimsPrincipal principal, AuthOptions auth, TimeSpan remaining)
    {
        if (remaining < auth.RefreshTokenLifetime)
        {
            principal.SetRefreshTokenLifetime(remaining > TimeSpan.Zero ? remaining : TimeSpan.FromSeconds(1));
        }
    }
}
