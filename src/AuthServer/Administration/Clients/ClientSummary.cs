using AuthServer.Clients;

namespace AuthServer.Administration.Clients;

/// <summary>
/// What an administrator may set on a client besides its id and secret. Grants are spelled as in
/// <c>Clients:N:GrantTypes</c> (<see cref="Options.GrantNames"/>).
/// </summary>
public sealed record ClientSettings(
    IReadOnlyList<string> Grants,
    IReadOnlyList<string> Scopes,
    string? BubbleAppUrl,
    IReadOnlyList<string> BubbleClaims,
    bool ResourceServer = false,
    TimeSpan? AccessTokenLifetime = null);

/// <summary>
/// One stored client as an administrator sees it; never its secret. <see cref="DeclaredIn"/> is set when
/// configuration declares it: then it is read-only here, because the next start would overwrite any edit.
/// </summary>
public sealed record ClientSummary(
    string ClientId,
    string Type,
    ClientSettings Settings,
    ConfigurationOrigin? DeclaredIn)
{
    public bool IsReadOnly => DeclaredIn is not null;
}

/// <summary>One of a client's secrets as an administrator sees it: never its value. Dates are UTC; null when unknown or never.</summary>
public sealed record ClientSecretSummary(string Id, DateTime? CreatedUtc, DateTime? LastUsedUtc, DateTime? ExpiresUtc,
    DateTime? RevokedUtc, AuthServer.Storage.ClientSecrets.ClientSecretState State);
