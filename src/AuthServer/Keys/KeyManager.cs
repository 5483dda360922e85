using AuthServer.Options;
using AuthServer.Storage;
using AuthServer.Storage.Keys;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using AuthServer.Operations.Logging;
using AuthServer.Operations.Telemetry;

namespace AuthServer.Keys;

/// <summary>
/// Every change to the stored keys: first keys, scheduled rotation, emergency rotation, revocation
/// and deletion. Safe with several nodes: a racing creator loses on the unique generation and re-reads.
/// </summary>
public sealed class KeyManager(
    AuthDbContext db,
    KeyMaterial material,
    IOptions<AuthOptions> auth,
    TimeProvider clock,
    AuthServerMetrics metrics,
    ILogger<KeyManager> logger)
{
    private KeyRotationOptions Rotation => auth.Value.KeyRotation;

    public async Task<IReadOnlyList<KeyStatus>> ListAsync(CancellationToken cancellationToken = default) =>
        Evaluate(await db.Keys.AsNoTracking().ToListAsync(cancellationToken));

    /// <summary>Brings the store to what the schedule wants now: keys exist, the next one is announced in time, old ones go.</summary>
    public async Task MaintainAsync(CancellationToken cancellationToken = default)
    {
        for (var attempt = 0; attempt < 3; attempt++)
        {
            try
            {
                await MaintainOnceAsync(cancellationToken);
                return;
            }
            catch (DbUpdateException) when (attempt < 2)
            {
                // Another node created the same generation first; re-read and decide again.
                db.ChangeTracker.Clear();
            }
        }
    }

    /// <summary>Announces a new signing key now; with <paramref name="activateNow"/> it signs at once.</summary>
    /// <param name="actor">Who asked, for the audit event (<see cref="ChangeActors"/>).</param>
    public async Task<StoredKey> RotateAsync(bool activateNow, string actor, CancellationToken cancellationToken = default)
    {
        var activates = activateNow ? Now : Now + Rotation.PropagationTime;
        var keys = await db.Keys.AsNoTracking().ToListAsync(cancellationToken);
        return await AddSigningKeyAsync(activates, NextGeneration(keys, KeyUse.Signing), actor, cancellationToken);
    }

    /// <summary>
    /// Withdraws a key from the JWKS at once; if it was signing, a fresh key takes over immediately.
    /// The key still validates the refresh tokens it signed (see <see cref="KeyTimeline.ValidationOnly"/>).
    /// </summary>
    /// <param name="actor">Who asked, for the audit event (<see cref="ChangeActors"/>).</param>
    public async Task<bool> RevokeAsync(string keyId, string actor, CancellationToken cancellationToken = default)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                return await RevokeOnceAsync(keyId, actor, cancellationToken);
            }
            catch (DbUpdateException) when (attempt < 2)
            {
                // Another node created a key (or touched this one) at the same moment; re-read and decide again.
                db.ChangeTracker.Clear();
            }
        }
    }

    private async Task<bool> RevokeOnceAsync(string keyId, string actor, CancellationToken cancellationToken)
    {
        var key = await db.Keys.SingleOrDefaultAsync(k => k.Id == keyId && k.Use == KeyUse.Signing, cancellationToken);
        if (key is null)
        {
            return false;
        }

        var snapshot = await ListAsync(cancellationToken);
        var wasActive = snapshot.Any(s => s.Key.Id == keyId && s.State == KeyState.Active);
        var newlyRevoked = key.RevokedUtc is null;
        key.RevokedUtc ??= Now;
        key.ConcurrencyToken = Guid.NewGuid().ToString("N");
        if (wasActive)
        {
            // One save for the revocation and its successor, so no node ever reads a ring without an active key.
            await AddSigningKeyAsync(Now, NextGeneration(snapshot.Select(s => s.Key), KeyUse.Signing), actor, cancellationToken);
        }
        else
        {
            await db.SaveChangesAsync(cancellationToken);
        }

        logger.KeyRevoked(keyId, actor);
        if (newlyRevoked)
        {
            metrics.KeyRevoked();
        }

        return true;
    }

    /// <summary>Whole microseconds: PostgreSQL keeps no finer time, and a key read back must equal the key written.</summary>
    private DateTime Now
    {
        get
        {
            var now = clock.GetUtcNow().UtcDateTime;
            return now.AddTicks(-(now.Ticks % (TimeSpan.TicksPerMillisecond / 1000)));
        }
    }

    private async Task MaintainOnceAsync(CancellationToken cancellationToken)
    {
        var keys = await db.Keys.ToListAsync(cancellationToken);
        if (!keys.Any(k => k.Use == KeyUse.Encryption && k.RevokedUtc is null))
        {
            await AddKeyAsync(KeyUse.Encryption, material.NewEncryptionKey(), Now, NextGeneration(keys, KeyUse.Encryption),
                ChangeActors.KeySchedule, cancellationToken);
        }

        var statuses = Evaluate(keys);
        var active = statuses.FirstOrDefault(s => s.State == KeyState.Active)?.Key;
        var announced = statuses.Where(s => s.State == KeyState.Announced).Select(s => s.Key).ToList();

        if (active is null)
        {
            await AddSigningKeyAsync(Now, NextGeneration(keys, KeyUse.Signing), ChangeActors.KeySchedule, cancellationToken);
        }
        else if (announced.Count == 0 && NeedsSuccessor(active))
        {
            var due = active.ActivatesUtc + Rotation.Interval;
            var activates = active.Algorithm == auth.Value.SigningAlgorithm && due > Now + Rotation.PropagationTime
                ? due
                : Now + Rotation.PropagationTime;
            await AddSigningKeyAsync(activates, NextGeneration(keys, KeyUse.Signing), ChangeActors.KeySchedule, cancellationToken);
        }

        foreach (var expired in KeyTimeline.DueForDeletion(statuses, Now))
        {
            db.Keys.Remove(expired.Key);
            await db.SaveChangesAsync(cancellationToken);
            logger.KeyDeleted(expired.Key.Id);
        }
    }

    private IReadOnlyList<KeyStatus> Evaluate(IEnumerable<StoredKey> keys) =>
        KeyTimeline.Evaluate(keys, Now, Rotation, auth.Value.RefreshTokenLifetime);

    private bool NeedsSuccessor(StoredKey active) =>
        active.Algorithm != auth.Value.SigningAlgorithm
        || active.ActivatesUtc + Rotation.Interval - Rotation.PropagationTime <= Now;

    /// <summary>
    /// The generation after the newest key of the snapshot the decision was made on: every node that
    /// decided on the same snapshot picks the same number, so the unique index lets exactly one of them in.
    /// (Reading the maximum again just before the insert let a node that looked a moment later add a second key.)
    /// </summary>
    private static long NextGeneration(IEnumerable<StoredKey> snapshot, string use) =>
        (snapshot.Where(k => k.Use == use).Max(k => (long?)k.Generation) ?? 0) + 1;

    private Task<StoredKey> AddSigningKeyAsync(DateTime activatesUtc, long generation, string actor, CancellationToken cancellationToken) =>
        AddKeyAsync(KeyUse.Signing, material.NewSigningKey(auth.Value.SigningAlgorithm), activatesUtc, generation, actor, cancellationToken);

    private async Task<StoredKey> AddKeyAsync(string use, (string Algorithm, string ProtectedKey) secret,
        DateTime activatesUtc, long generation, string actor, CancellationToken cancellationToken)
    {
        var key = new StoredKey
        {
            Id = Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(8)),
            Use = use,
            Generation = generation,
            Algorithm = secret.Algorithm,
            ProtectedKey = secret.ProtectedKey,
            CreatedUtc = Now,
            ActivatesUtc = activatesUtc,
        };
        db.Keys.Add(key);
        await db.SaveChangesAsync(cancellationToken);
        logger.KeyCreated(use, key.Id, key.Algorithm, activatesUtc, actor);
        if (use == KeyUse.Signing && generation > 1)
        {
            metrics.KeyRotated(); // the first signing key succeeds nothing
        }

        return key;
    }
}
