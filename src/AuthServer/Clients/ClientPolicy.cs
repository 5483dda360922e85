using System.Collections.Immutable;
using System.Text.Json;
using OpenIddict.Abstractions;
using OpenIddict.Server;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace AuthServer.Clients;

/// <summary>What one stored client may do, read once per request from its OpenIddict application.</summary>
public sealed record ClientPolicy(
    string ClientId,
    ImmutableArray<string> Permissions,
    string? BubbleAppUrl,
    ImmutableArray<string> BubbleClaims,
    bool IsPublic = false,
    bool IsResourceServer = false,
    bool BubbleSessionCheck = true,
    TimeSpan? RefreshTokenAbsoluteLifetime = null,
    TimeSpan? AccessTokenLifetime = null)
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

    private const string TransactionProperty = "authserver:client_policy";

    /// <summary>
    /// The policy of the request's client, read from the store once per request: the permission gate,
    /// the Bubble validator and the grant handlers of one token request all share it.
    /// </summary>
    public static async ValueTask<ClientPolicy?> FindAsync(IOpenIddictApplicationManager applications,
        OpenIddictServerTransaction transaction, string? clientId, CancellationToken cancellationToken)
    {
        if (transaction.GetProperty<ClientPolicy>(TransactionProperty) is { } known && known.ClientId == clientId)
        {
            return known;
        }

        var policy = await FindAsync(applications, clientId, cancellationToken);
        if (policy is not null)
        {
            transaction.SetProperty(TransactionProperty, policy);
        }

        return policy;
    }

    /// <summary>The policy of a client OpenIddict has already authenticated in this request.</summary>
    public static async ValueTask<ClientPolicy> RequireAsync(IOpenIddictApplicationManager applications,
        OpenIddictServerTransaction transaction, string? clientId, CancellationToken cancellationToken) =>
        await FindAsync(applications, transaction, clientId, cancellationToken)
            ?? throw new InvalidOperationException("The authenticated client vanished from the store.");

    private static async ValueTask<ClientPolicy?> FindAsync(IOpenIddictApplicationManager applications, string? clientId,
        CancellationToken cancellationToken) =>
        string.IsNullOrEmpty(clientId) || await applications.FindByClientIdAsync(clientId, cancellationToken) is not { } app
            ? null
            : await FromApplicationAsync(applications, app, cancellationToken);

    public static async ValueTask<ClientPolicy> FromApplicationAsync(IOpenIddictApplicationManager applications, object application,
        CancellationToken cancellationToken)
    {
        var properties = await applications.GetPropertiesAsync(application, cancellationToken);
        return new ClientPolicy(
            (await applications.GetClientIdAsync(application, cancellationToken))!,
            await applications.GetPermissionsAsync(application, cancellationToken),
            properties.TryGetValue(ClientProperties.BubbleAppUrl, out var url) && url.ValueKind == JsonValueKind.String ? url.GetString() : null,
            properties.TryGetValue(ClientProperties.BubbleClaims, out var claims) && claims.ValueKind == JsonValueKind.Array
                ? [.. claims.EnumerateArray().Where(c => c.ValueKind == JsonValueKind.String).Select(c => c.GetString()!)]
                : [],
            await applications.HasClientTypeAsync(application, ClientTypes.Public, cancellationToken),
            properties.TryGetValue(ClientProperties.ResourceServer, out var server) && server.ValueKind == JsonValueKind.True,
            !(properties.TryGetValue(ClientProperties.BubbleSessionCheck, out var check) && check.ValueKind == JsonValueKind.False),
            LifetimeOf(properties, ClientProperties.RefreshTokenAbsoluteLifetime),
            LifetimeOf(properties, ClientProperties.AccessTokenLifetime));
    }

    private static TimeSpan? LifetimeOf(ImmutableDictionary<string, JsonElement> properties, string name) =>
        properties.TryGetValue(name, out var value)
        && value.ValueKind == JsonValueKind.String
        && TimeSpan.TryParse(value.GetString(), System.Globalization.CultureInfo.InvariantCulture, out var lifetime)
            ? lifetime
            : null;
}
