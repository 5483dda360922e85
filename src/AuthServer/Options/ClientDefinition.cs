namespace AuthServer.Options;

/// <summary>One entry of <c>Clients</c>, applied to the store at every start.</summary>
public sealed class ClientDefinition
{
    public string ClientId { get; set; } = "";

    /// <summary>Required by every grant (each needs a confidential client). Stored hashed, never logged.</summary>
    public string? ClientSecret { get; set; }

    public List<string> GrantTypes { get; set; } = [];

    public List<string> Scopes { get; set; } = [];

    public string? BubbleAppUrl { get; set; }

    public List<string> BubbleClaims { get; set; } = [];

    /// <summary>
    /// This client is the API (resource server) whose audience equals its id: only then may a client id equal a
    /// resource name, and only then may it introspect tokens issued for that audience (with their scope and claims).
    /// </summary>
    public bool ResourceServer { get; set; }

    /// <summary>
    /// For token_exchange clients: at a refresh, ask the client's Bubble app again whether the login the chain came from
    /// still holds (at most once per <c>Bubble:SessionCheckInterval</c>), so a session never outlives its Bubble login.
    /// </summary>
    public bool BubbleSessionCheck { get; set; } = true;

    /// <summary>This client's chains end this long after their exchange; unset: <c>Auth:RefreshTokenAbsoluteLifetime</c>.</summary>
    public TimeSpan? RefreshTokenAbsoluteLifetime { get; set; }

    /// <summary>
    /// This client's access tokens live this long (client_credentials, exchange and refresh alike), at most
    /// <c>Auth:AccessTokenLifetime</c>; unset: that. For scripts that want short tokens.
    /// </summary>
    public TimeSpan? AccessTokenLifetime { get; set; }

    /// <summary>
    /// The client's public keys (a JWKS, as JSON text) for <c>private_key_jwt</c>
    /// client authentication (RFC 7523). A client with keys is confidential even without a secret.
    /// </summary>
    public string? Jwks { get; set; }

    /// <summary>A file holding the JWKS instead (relative to the content root); read at every start.</summary>
    public string? JwksFile { get; set; }

    /// <summary>Only <c>private_key_jwt</c>: the client's secrets, if any, are refused.</summary>
    public bool PrivateKeyJwtOnly { get; set; }
}

/// <summary>The <c>Clients</c> and <c>Scopes</c> sections together: what configuration declares.</summary>
public sealed class CatalogOptions
{
    public List<ClientDefinition> Clients { get; set; } = [];

    public List<ScopeDefinition> Scopes { get; set; } = [];
}
