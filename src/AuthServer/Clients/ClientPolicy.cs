using System.Collections.Immutable;
using System.Text.Json;
using OpenIddict.Abstractions;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace AuthServer.Clients;

/// <summary>What one stored client may do, read once per request from its OpenIddict application.</summary>
public sealed record ClientPolicy(
    string ClientId,
    ImmutableArray<string> Permissions,
    string? BubbleAppUrl,
    ImmutableArray<string> BubbleClaims)
{
    public bool MayUseGrant(string grantType) => Permissions.Contains(OpenIddictConstants.Permissions.Prefixes.GrantType + grantType);

    /// <summary><c>offline_access</c> needs both the scope and the refresh_token grant.</summary>
    public bool MayRequestScope(string scope) =>
        Permissions.Contains(OpenIddictConstants.Permissions.Prefixes.Scope + scope)
        && (scope != Scopes.OfflineAccess || MayUseGrant(GrantTypes.RefreshToken));

    /// <summary>The scopes granted when a request names none: all of the client's, except offline_access.</summary>
    public IEnumerable<string> DefaultScopes => Permissions
        .Where(p => p.StartsWith(OpenIddictConstants.Permissions.Prefixes.Scope, StringComparison.Ordinal))
        .Select(p => p[OpenIddictConstants.Permissions.Prefixes.Scope.Length..])
        .Where(s => s != Scopes.OfflineAccess);

    /// <summary>What a grant gives: the requested scopes, or the defaults when the request names none.</summary>
    public IEnumerable<string> GrantedScopes(ImmutableArray<string> requested) => requested.IsEmpty ? DefaultScopes : requested;

    /// <summary>The policy of a client OpenIddict has already authenticated.</summary>
    public static async ValueTask<ClientPolicy> RequireAsync(IOpenIddictApplicationManager applications, string? clientId,
        CancellationToken cancellationToken) =>
        await FindAsync(applications, clientId, cancellationToken)
            ?? throw new InvalidOperationException("The authenticated client vanished from the store.");

    public static async ValueTask<ClientPolicy?> FindAsync(IOpenIddictApplicationManager applications, string? clientId,
        CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(clientId) || await applications.FindByClientIdAsync(clientId, cancellationToken) is not { } app)
        {
            return null;
        }

        var properties = await applications.GetPropertiesAsync(app, cancellationToken);
        return new ClientPolicy(
            clientId,
            await applications.GetPermissionsAsync(app, cancellationToken),
            properties.TryGetValue(ClientProperties.BubbleAppUrl, out var url) && url.ValueKind == JsonValueKind.String ? url.GetString() : null,
            properties.TryGetValue(ClientProperties.BubbleClaims, out var claims) && claims.ValueKind == JsonValueKind.Array
                ? [.. claims.EnumerateArray().Where(c => c.ValueKind == JsonValueKind.String).Select(c => c.GetString()!)]
                : []);
    }
}
