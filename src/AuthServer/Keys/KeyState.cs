namespace AuthServer.Keys;

/// <summary>Where a signing key stands in its life at a given moment.</summary>
public enum KeyState
{
    /// <summary>Published in the JWKS so consumers cache it, but not signing yet.</summary>
    Announced,

    /// <summary>Signs every new token.</summary>
    Active,

    /// <summary>Superseded; still published until the tokens it signed have expired.</summary>
    Retired,

    /// <summary>Past its retention: no longer published; validates only the refresh tokens it signed until it is deleted.</summary>
    Expired,

    /// <summary>Withdrawn by an operator: never published again; like an expired key, it still validates its refresh tokens.</summary>
    Revoked,
}
