using System.Security.Claims;
using Microsoft.IdentityModel.Tokens;
using OpenIddict.Abstractions;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace AuthServer.Grants;

/// <summary>
/// Builds the principal every grant signs in: subject, client, granted scopes, the audiences those
/// scopes grant, and every claim sent to the access token (OpenIddict drops claims without a destination).
/// </summary>
public sealed class AccessTokenPrincipalFactory(IOpenIddictScopeManager scopes)
{
    public async Task<ClaimsPrincipal> CreateAsync(string subject, string clientId, IEnumerable<string> grantedScopes,
        CancellationToken cancellationToken)
    {
        var identity = new ClaimsIdentity(TokenValidationParameters.DefaultAuthenticationType, Claims.Name, Claims.Role);
        identity.SetClaim(Claims.Subject, subject);
        identity.SetClaim(Claims.ClientId, clientId);

        var principal = new ClaimsPrincipal(identity);
        await ApplyScopesAsync(principal, grantedScopes, cancellationToken);
        return principal;
    }

    /// <summary>Sets scopes, their audiences and the claim destinations on an existing principal.</summary>
    public async Task ApplyScopesAsync(ClaimsPrincipal principal, IEnumerable<string> grantedScopes, CancellationToken cancellationToken)
    {
        principal.SetScopes(grantedScopes.Distinct(StringComparer.Ordinal));

        var resources = new List<string>();
        await foreach (var resource in scopes.ListResourcesAsync(principal.GetScopes(), cancellationToken))
        {
            resources.Add(resource);
        }

        principal.SetResources(resources.Distinct(StringComparer.Ordinal));
        principal.SetDestinations(static _ => [Destinations.AccessToken]);
    }
}
