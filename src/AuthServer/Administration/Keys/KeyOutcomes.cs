using AuthServer.Keys;

namespace AuthServer.Administration.Keys;

/// <summary>
/// One signing key of the timeline (<c>keys list</c>): its state now and its dates. <see cref="RetiredUtc"/> is
/// when it stopped signing, <see cref="ExpiresUtc"/> when it leaves the JWKS (see <see cref="KeyStatus"/>).
/// </summary>
public sealed record KeyTimelineEntry(
    string Kid,
    string Algorithm,
    KeyState State,
    DateTime CreatedUtc,
    DateTime ActivatesUtc,
    DateTime? RetiredUtc,
    DateTime? ExpiresUtc,
    DateTime? RevokedUtc);

/// <summary>A new signing key: published at once; it signs from <see cref="ActivatesUtc"/> (now, when <see cref="SignsNow"/>).</summary>
public sealed record KeyRotated(string Kid, string Algorithm, DateTime ActivatesUtc, bool SignsNow);

/// <summary>The answer to a revocation: done, or the expected reason it was not.</summary>
public abstract record KeyRevocation;

/// <summary>The key left the JWKS; <see cref="SigningKid"/> is the key that signs now (a fresh one if the revoked key was signing).</summary>
public sealed record KeyRevoked(string Kid, string? SigningKid) : KeyRevocation;

/// <summary>No signing key has this id (encryption keys are not listed, and are never revoked by hand).</summary>
public sealed record KeyNotFound(string Kid) : KeyRevocation;

/// <summary>Revoked before, at <see cref="RevokedUtc"/>; nothing changed.</summary>
public sealed record KeyAlreadyRevoked(string Kid, DateTime RevokedUtc) : KeyRevocation;
