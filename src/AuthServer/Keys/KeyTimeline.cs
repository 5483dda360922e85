using AuthServer.Options;
using AuthServer.Storage.Keys;

namespace AuthServer.Keys;

/// <summary>
/// A signing key with its state and dates derived at one moment. <see cref="RetiredUtc"/> is when it
/// stopped signing (null while it signs, or if it never did); <see cref="ExpiresUtc"/> when it leaves
/// the JWKS; <see cref="DeletesUtc"/> when its row goes, once no refresh token it signed can be live.
/// </summary>
public sealed record KeyStatus(StoredKey Key, KeyState State, DateTime? RetiredUtc, DateTime? ExpiresUtc, DateTime? DeletesUtc = null);

/// <summary>
/// Derives every signing key's state from the stored rows and the clock alone, so all nodes
/// and the CLI agree without coordinating: the newest activated key signs; each older one is
/// retired from the moment its successor activated and expires a retention time later.
/// </summary>
public static class KeyTimeline
{
    public static IReadOnlyList<KeyStatus> Evaluate(IEnumerable<StoredKey> keys, DateTime nowUtc, KeyRotationOptions rotation,
        TimeSpan refreshTokenLifetime)
    {
        var signing = keys.Where(k => k.Use == KeyUse.Signing)
            .OrderByDescending(k => k.ActivatesUtc).ThenByDescending(k => k.Generation).ToList();
        var result = new List<KeyStatus>(signing.Count);
        // A key is kept (unpublished) after it leaves the JWKS for as long as a refresh token it signed may live.
        var keptFor = rotation.RetentionTime > refreshTokenLifetime ? rotation.RetentionTime : refreshTokenLifetime;
        DateTime? successorActivation = null;

        foreach (var key in signing)
        {
            var activated = key.ActivatesUtc <= nowUtc;
            if (key.RevokedUtc is { } revoked)
            {
                // A key that signed before its revocation still ended its predecessor's activity when it
                // activated, so it moves successorActivation like any other: revoking it must never hand
                // the signing back to (or republish) an older key.
                var signed = activated && key.ActivatesUtc <= revoked;
                DateTime? stopped = !signed ? null : successorActivation is { } next && next < revoked ? next : revoked;
                result.Add(new KeyStatus(key, KeyState.Revoked, stopped, null, revoked + keptFor));
                if (signed)
                {
                    successorActivation = key.ActivatesUtc;
                }

                continue;
            }

            if (!activated)
            {
                result.Add(new KeyStatus(key, KeyState.Announced, null, null));
            }
            else if (successorActivation is not { } retired)
            {
                result.Add(new KeyStatus(key, KeyState.Active, null, null));
            }
            else
            {
                var expires = retired + rotation.RetentionTime;
                result.Add(new KeyStatus(key, expires > nowUtc ? KeyState.Retired : KeyState.Expired, retired, expires, retired + keptFor));
            }

            if (activated)
            {
                successorActivation = key.ActivatesUtc;
            }
        }

        return result;
    }

    /// <summary>Keys whose public half belongs in the JWKS, the active one first.</summary>
    public static IEnumerable<KeyStatus> Published(IReadOnlyList<KeyStatus> statuses) =>
        statuses.Where(s => s.State is KeyState.Active)
            .Concat(statuses.Where(s => s.State is KeyState.Announced or KeyState.Retired));

    /// <summary>
    /// Keys out of the JWKS (expired or revoked) that signed tokens and whose row is not due for deletion:
    /// they still validate the refresh tokens they signed, and nothing else.
    /// </summary>
    public static IEnumerable<KeyStatus> ValidationOnly(IReadOnlyList<KeyStatus> statuses, DateTime nowUtc) =>
        statuses.Where(s => s.State is KeyState.Expired or KeyState.Revoked && s.RetiredUtc is not null && s.DeletesUtc > nowUtc);

    /// <summary>Keys whose rows may go: out of the JWKS, and every refresh token they signed has expired.</summary>
    public static IEnumerable<KeyStatus> DueForDeletion(IReadOnlyList<KeyStatus> statuses, DateTime nowUtc) =>
        statuses.Where(s => s.State is KeyState.Expired or KeyState.Revoked && s.DeletesUtc <= nowUtc);
}
