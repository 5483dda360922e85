namespace AuthServer.Storage.Clients;

/// <summary>
/// One of a client's secrets, once the client has more than the single secret OpenIddict keeps on its application row:
/// its hash (OpenIddict's own secret hash, never the value), when it was made and last used, when it stops working,
/// and whether it was revoked. While a client has rows here, they alone decide which secrets it may use; a client
/// without rows keeps its single secret on the application row, as before rotation existed.
/// </summary>
public sealed class StoredClientSecret
{
    public const int IdLength = 32;
    public const int ClientIdLength = 100;
    public const int HashLength = 1024;

    /// <summary>The client's <c>client_id</c> (the application row's own id changes nothing here).</summary>
    public required string ClientId { get; set; }

    /// <summary>Short, random, unique within the client: what an operator names to revoke it.</summary>
    public required string Id { get; set; }

    public required string Hash { get; set; }

    /// <summary>Null for the client's original secret, carried over from its application row, whose age is unknown.</summary>
    public DateTime? CreatedUtc { get; set; }

    /// <summary>Updated at most once a minute per secret, not on every request.</summary>
    public DateTime? LastUsedUtc { get; set; }

    /// <summary>Null: never expires.</summary>
    public DateTime? ExpiresUtc { get; set; }

    public DateTime? RevokedUtc { get; set; }
}
