using AuthServer.Keys;
using AuthServer.Administration.Audit;
using AuthServer.Operations.Logging;

namespace AuthServer.Administration.Keys;

/// <summary>
/// Signing key administration for the CLI and the console. A change reaches every node, this one included,
/// within <c>Maintenance:KeyRingRefreshInterval</c>, when each rereads the keys from the store.
/// Every change is an audit event naming its <c>actor</c> (<see cref="ChangeActors"/>): one log line, the key manager's
/// (4001, 4004), and an audit row (<see cref="AdminAudit"/>).
/// </summary>
public sealed class KeyAdministration(KeyManager keys, AdminAudit audit)
{
    /// <summary>Every signing key still stored, the newest activation first.</summary>
    public async Task<IReadOnlyList<KeyTimelineEntry>> TimelineAsync(CancellationToken cancellationToken = default) =>
        [.. (await keys.ListAsync(cancellationToken)).Select(k => new KeyTimelineEntry(k.Key.Id, k.Key.Algorithm, k.State,
            k.Key.CreatedUtc, k.Key.ActivatesUtc, k.RetiredUtc, k.ExpiresUtc, k.Key.RevokedUtc))];

    /// <summary>
    /// Announces a new key, which signs once consumers have had time to fetch it; with <paramref name="activateNow"/>
    /// it signs at once (an emergency: APIs reject its tokens until they reread the JWKS).
    /// </summary>
    public async Task<KeyRotated> RotateAsync(string actor, bool activateNow = false, CancellationToken cancellationToken = default)
    {
        var key = await keys.RotateAsync(activateNow, actor, cancellationToken);
        return await audit.RecordAsync(actor, new KeyRotated(key.Id, key.Algorithm, key.ActivatesUtc, activateNow), cancellationToken);
    }

    /// <summary>Withdraws a key from the JWKS at once; if it was signing, a fresh key signs from now on.</summary>
    public async Task<KeyRevocation> RevokeAsync(string kid, string actor, CancellationToken cancellationToken = default)
    {
        var known = (await TimelineAsync(cancellationToken)).FirstOrDefault(k => k.Kid == kid);
        if (known is null)
        {
            return new KeyNotFound(kid);
        }

        if (known.RevokedUtc is { } revoked)
        {
            return new KeyAlreadyRevoked(kid, revoked);
        }

        // Deleted by another node's maintenance since the read above.
        if (!await keys.RevokeAsync(kid, actor, cancellationToken))
        {
            return new KeyNotFound(kid);
        }

        var signing = (await TimelineAsync(cancellationToken)).FirstOrDefault(k => k.State == KeyState.Active);
        return await audit.RecordAsync(actor, new KeyRevoked(kid, signing?.Kid), cancellationToken);
    }
}
