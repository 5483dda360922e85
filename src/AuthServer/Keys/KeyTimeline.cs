using AuthServer.Options;
using AuthServer.Storage.Keys;

namespace AuthServer.Keys;

/// <summary>A signing key with its state and dates derived at one moment.</summary>
public sealed record KeyStatus(StoredKey Key, KeyState State, DateTime? RetiredUtc, DateTime? ExpiresUtc);

/// <summary>
/// Derives every signing key's state from the stored rows and the clock alone, so all nodes
/// and the CLI agree without coordinating: the newest activated key signs; each older one is
/// retired from the moment its successor activated and expires a retention time later.
/// </summary>
public static class KeyTimeline
{
    public static IReadOnlyList<KeyStatus> Evaluate(IEnumerable<StoredKey> keys, DateTime nowUtc, KeyRotationOptions rotation)
    {
        var signing = keys.Where(k => k.Use == KeyUse.Signing)
            .OrderByDescending(k => k.ActivatesUtc).ThenByDescending(k => k.Generation).ToList();
        var result = new List<KeyStatus>(signing.Count);
        DateTime? successorActivation = null;

        foreach (var key in signing)
        {
            if (key.RevokedUtc is not null)
            {
                result.Add(new KeyStatus(key, KeyState.Revoked, null, null));
                continue;
            }

            if (key.ActivatesUtc > nowUtc)
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
                result.Add(new KeyStatus(key, expires > nowUtc ? KeyState.Retired : KeyState.Expired, retired, expires));
            }

            if (key.ActivatesUtc <= nowUtc)
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
}
