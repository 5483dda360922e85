using System.Security.Claims;
using Microsoft.IdentityModel.Tokens;
using OpenIddict.Abstractions;
using static OpenIddict.Abstractions.OpenIddictConstants;
using AuthServer.Protocol.Token.Refresh;

namespace AuthServer.Protocol.Token;

/// <summary>
/// Builds the principal every grant signs in: subject, client, granted scopes, their audiences, and
/// every claim sent to the access token (OpenIddict drops claims without a destination).
/// </summary>
public static class AccessTokenPrincipalFactory
{
    public static ClaimsPrincipal Create(string subject, string clientId, GrantedAccess access)
    {
        var identity = new ClaimsIdentity(TokenValidationParameters.DefaultAuthenticationType, Claims.Name, Claims.Role);
        identity.SetClaim(Claims.Subject, subject);
        identity.SetClaim(Claims.ClientId, clientId);

        var principal = new ClaimsPrincipal(identity);
        Apply(principal, access);
        return principal;
    }

    /// <summary>Sets scopes, their audiences and the claim destinations on an existing principal.</summary>
    public static void Apply(ClaimsPrincipal principal, GrantedAccess access)
    {
        principal.SetScopes(access.Scopes);
        principal.SetResources(access.Audiences);
        ChainClaims.SetAccessTokenDestinations(principal);
    }
}
