using System.Security.Cryptography;
using AuthServer.Administration.Audit;
using AuthServer.Clients;
using AuthServer.Operations.Logging;
using AuthServer.Storage;
using AuthServer.Storage.ClientSecrets;
using AuthServer.Storage.Clients;
using Microsoft.EntityFrameworkCore;
using OpenIddict.Abstractions;
using OpenIddict.EntityFrameworkCore.Models;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace AuthServer.Administration.Clients;

/// <summary>
/// A client's several secrets, for the CLI and the console: list them, add one (optionally retiring the others after
/// a grace period: rotation without downtime), revoke one at once. The first addition carries the client's original
/// single secret over as <see cref="OriginalSecretId"/>, so it can be retired or revoked like any other. Clients
/// declared in configuration are read-only, as for every other change. A change takes effect on this node at once and
/// on every other within <see cref="ClientSecretRows.Lifetime"/>; a new secret works everywhere at once. Each change
/// is logged (1022, 1023) and audited, naming the secret's id, never its value.
/// </summary>
public sealed class ClientSecretAdministration(
    IOpenIddictApplicationManager applications,
    ConfiguredClients configured,
    AuthDbContext db,
    ClientSecretRows rows,
    AdminAudit audit,
    TimeProvider clock,
    ILogger<ClientSecretAdministration> logger)
{
    /// <summary>The id of a client's original single secret (the one it had before its first added secret).</summary>
    public const string OriginalSecretId = "original";

    /// <summary>The grace period a rotation gives the other secrets when the operator names none.</summary>
    public static readonly TimeSpan DefaultGracePeriod = TimeSpan.FromDays(7);

    public async Task<ClientOutcome> ListAsync(string clientId, CancellationToken cancellationToken = default)
    {
        if (await FindAsync(clientId, cancellationToken) is not { } application)
        {
            return new ClientNotFound(clientId);
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var stored = await rows.GetAsync(db, clientId, fresh: true, cancellationToken);
        if (stored.Count > 0)
        {
            return new ClientSecretList(clientId, [.. stored.Select(r =>
                new ClientSecretSummary(r.Id, r.CreatedUtc, r.LastUsedUtc, r.ExpiresUtc, r.RevokedUtc, r.StateAt(now)))]);
        }

        return new ClientSecretList(clientId, await HasSingleSecretAsync(application, cancellationToken)
            ? [new ClientSecretSummary(OriginalSecretId, null, null, null, null, ClientSecretState.Live)]
            : []);
    }

    /// <summary>
    /// Adds a secret (generated and returned once when <paramref name="secret"/> is null) that expires after
    /// <paramref name="expiresIn"/> (never when null). With <paramref name="retireOthersIn"/>, every other live secret
    /// expires after that grace period (never later than it already would).
    /// </summary>
    public async Task<ClientOutcome> AddAsync(string clientId, string? secret, TimeSpan? expiresIn, TimeSpan? retireOthersIn,
        string actor, Func<string, string>? fieldName = null, CancellationToken cancellationToken = default)
    {
        fieldName ??= name => name;
        List<string> problems = [];
        if (secret is { Length: 0 })
        {
            problems.Add($"{fieldName("secret")} must not be empty.");
        }

        if (expiresIn is { } e && e <= TimeSpan.Zero)
        {
            problems.Add($"{fieldName("expires-in")} must be a positive duration, such as 90.00:00:00 for 90 days.");
        }

        if (retireOthersIn is { } r && r <= TimeSpan.Zero)
        {
            problems.Add($"{fieldName("retire-others-in")} must be a positive duration, such as 7.00:00:00 for 7 days; to stop a secret at once, revoke it.");
        }

        if (problems.Count > 0)
        {
            return new ClientInvalid(problems);
        }

        var (application, refusal) = await FindChangeableAsync(clientId, cancellationToken);
        if (application is null)
        {
            return refusal!;
        }

        if (!await applications.HasClientTypeAsync(application, ClientTypes.Confidential, cancellationToken))
        {
            return new ClientInvalid([$"Client '{clientId}' is public (it has no secret): give it one with set-secret (Rotate in the console) first."]);
        }

        var value = secret ?? ClientDefinitions.NewSecret();
        var hash = await ((SecretCheckingApplicationManager)applications).HashSecretAsync(value, cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        var added = new StoredClientSecret
        {
            ClientId = clientId,
            Id = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6)),
            Hash = hash,
            CreatedUtc = now,
            ExpiresUtc = now + expiresIn,
        };
        var othersExpire = now + retireOthersIn;
        await ChangeAsync(clientId, stored =>
        {
            if (othersExpire is { } until)
            {
                foreach (var other in stored.Where(s => ClientSecretRow.Of(s).StateAt(now) == ClientSecretState.Live))
                {
                    other.ExpiresUtc = other.ExpiresUtc is { } expires && expires < until ? expires : until;
                }
            }

            db.ClientSecrets.Add(added);
            return true;
        }, cancellationToken);

        logger.ClientSecretAdded(clientId, added.Id, actor, Describe(added.ExpiresUtc), othersExpire is { } o ? "expire " + Describe(o) : "unchanged");
        return await audit.RecordAsync(actor, new ClientSecretAdded(clientId, added.Id, secret is null ? value : null, added.ExpiresUtc,
            othersExpire), cancellationToken);
    }

    /// <summary>Revokes one secret at once (within the cache bound on other nodes). A revoked secret keeps its first revocation time.</summary>
    public async Task<ClientOutcome> RevokeAsync(string clientId, string secretId, string actor, CancellationToken cancellationToken = default)
    {
        var (application, refusal) = await FindChangeableAsync(clientId, cancellationToken);
        if (application is null)
        {
            return refusal!;
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var found = false;
        await ChangeAsync(clientId, stored =>
        {
            if (stored.FirstOrDefault(s => s.Id == secretId) is not { } target)
            {
                return false;
            }

            found = true;
            target.RevokedUtc ??= now;
            return true;
        }, cancellationToken);

        if (!found)
        {
            return new ClientSecretNotFound(clientId, secretId);
        }

        logger.ClientSecretRevoked(clientId, secretId, actor);
        return await audit.RecordAsync(actor, new ClientSecretRevoked(clientId, secretId), cancellationToken);
    }

    /// <summary>After <c>set-secret</c> or a removal: the client is back to one secret, on its application row.</summary>
    public async Task ForgetAllAsync(string clientId, CancellationToken cancellationToken)
    {
        await db.ClientSecrets.Where(s => s.ClientId == clientId).ExecuteDeleteAsync(cancellationToken);
        rows.Forget(clientId);
    }

    // Loads the client's rows (carrying its original secret over first if it has none), applies the change, saves. Two
    // operators carrying the original over at once collide on the key; the loser starts again from the store.
    private async Task ChangeAsync(string clientId, Func<List<StoredClientSecret>, bool> change, CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                var stored = await db.ClientSecrets.Where(s => s.ClientId == clientId).ToListAsync(cancellationToken);
                if (stored.Count == 0 && await OriginalHashAsync(clientId, cancellationToken) is { } original)
                {
                    var carried = new StoredClientSecret { ClientId = clientId, Id = OriginalSecretId, Hash = original };
                    db.ClientSecrets.Add(carried);
                    stored.Add(carried);
                }

                if (change(stored))
                {
                    await db.SaveChangesAsync(cancellationToken);
                }

                db.ChangeTracker.Clear();
                rows.Forget(clientId);
                return;
            }
            catch (DbUpdateException) when (attempt < 2)
            {
                db.ChangeTracker.Clear();
            }
        }
    }

    private async Task<string?> OriginalHashAsync(string clientId, CancellationToken cancellationToken)
    {
        var hash = await db.Set<OpenIddictEntityFrameworkCoreApplication>().AsNoTracking().Where(a => a.ClientId == clientId)
            .Select(a => a.ClientSecret).FirstOrDefaultAsync(cancellationToken);
        return string.IsNullOrEmpty(hash) ? null : hash;
    }

    private async Task<bool> HasSingleSecretAsync(object application, CancellationToken cancellationToken) =>
        await applications.HasClientTypeAsync(application, ClientTypes.Confidential, cancellationToken)
        && !string.IsNullOrEmpty(((OpenIddictEntityFrameworkCoreApplication)application).ClientSecret);

    private static string Describe(DateTime? utc) => utc is { } value ? value.ToString("u", System.Globalization.CultureInfo.InvariantCulture) : "never";

    private async ValueTask<object?> FindAsync(string clientId, CancellationToken cancellationToken) =>
        string.IsNullOrEmpty(clientId) || !ClientRules.CanNameAClient(clientId)
            ? null
            : await applications.FindByClientIdAsync(clientId, cancellationToken);

    private async Task<(object? Application, ClientOutcome? Refusal)> FindChangeableAsync(string clientId, CancellationToken cancellationToken)
    {
        if (configured.Find(clientId) is { } origin)
        {
            return (null, new ClientDeclaredInConfiguration(clientId, origin));
        }

        return await FindAsync(clientId, cancellationToken) is { } application ? (application, null) : (null, new ClientNotFound(clientId));
    }
}
