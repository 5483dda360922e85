namespace AuthServer.Storage.Keys;

/// <summary>
/// A signing or encryption key. The private material is protected with ASP.NET Data Protection
/// before it is stored; the timeline fields drive announcement, activation and retirement.
/// </summary>
public sealed class StoredKey
{
    public required string Id { get; set; }

    /// <summary><see cref="KeyUse.Signing"/> or <see cref="KeyUse.Encryption"/>.</summary>
    public required string Use { get; set; }

    /// <summary>Sequence number within <see cref="Use"/>; unique, so concurrent creators cannot both win.</summary>
    public long Generation { get; set; }

    public required string Algorithm { get; set; }

    public required string ProtectedKey { get; set; }

    public DateTime CreatedUtc { get; set; }

    /// <summary>When the key starts signing. Before it, the key is only announced in the JWKS.</summary>
    public DateTime ActivatesUtc { get; set; }

    /// <summary>Set by an operator for a compromised key: it leaves the JWKS at once.</summary>
    public DateTime? RevokedUtc { get; set; }

    public string ConcurrencyToken { get; set; } = Guid.NewGuid().ToString("N");
}

public static class KeyUse
{
    public const string Signing = "sig";
    public const string Encryption = "enc";
}
