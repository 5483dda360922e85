using AuthServer.Storage;
using AuthServer.Storage.ClientSecrets;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using OpenIddict.Abstractions;
using OpenIddict.Core;
using OpenIddict.EntityFrameworkCore.Models;

namespace AuthServer.Engine;

/// <summary>
/// The project's application manager (<see cref="SecretCheckingApplicationManager"/>: OpenIddict's, with rotating
/// client secrets) with two process-wide caches in front of the store: clients found in the last second
/// (<see cref="ApplicationSnapshotCache"/>) and secrets that matched a stored hash (<see cref="VerifiedSecretCache"/>).
/// Each request gets its own copy of a cached client, so an update through this manager behaves as without the
/// cache, and the row's concurrency token still guards it.
/// </summary>
public sealed class CachingApplicationManager(
    IOpenIddictApplicationCache<OpenIddictEntityFrameworkCoreApplication> cache,
    ILogger<OpenIddictApplicationManager<OpenIddictEntityFrameworkCoreApplication>> logger,
    IOptionsMonitor<OpenIddictCoreOptions> options,
    IOpenIddictApplicationStore<OpenIddictEntityFrameworkCoreApplication> store,
    IServiceProvider scope,
    DbContextLeases leases,
    ApplicationSnapshotCache snapshots,
    VerifiedSecretCache verified,
    ClientSecretRows secrets,
    TimeProvider clock) : SecretCheckingApplicationManager(cache, logger, options, store, scope, secrets, clock)
{
    public override ValueTask<OpenIddictEntityFrameworkCoreApplication?> FindByClientIdAsync(string identifier,
        CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(identifier);
        return snapshots.FindByClientId(identifier) is { } snapshot
            ? new(ForThisRequest(snapshot))
            : RememberAsync(snapshots.Generation, base.FindByClientIdAsync(identifier, cancellationToken));
    }

    public override ValueTask<OpenIddictEntityFrameworkCoreApplication?> FindByIdAsync(string identifier,
        CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(identifier);
        return snapshots.FindById(identifier) is { } snapshot
            ? new(ForThisRequest(snapshot))
            : RememberAsync(snapshots.Generation, base.FindByIdAsync(identifier, cancellationToken));
    }

    public override async ValueTask UpdateAsync(OpenIddictEntityFrameworkCoreApplication application, CancellationToken cancellationToken = default)
    {
        var tracked = Track(application);
        await base.UpdateAsync(tracked, cancellationToken);
        application.ConcurrencyToken = tracked.ConcurrencyToken;
        snapshots.Forget(application);
    }

    public override async ValueTask DeleteAsync(OpenIddictEntityFrameworkCoreApplication application, CancellationToken cancellationToken = default)
    {
        await base.DeleteAsync(Track(application), cancellationToken);
        snapshots.Forget(application);
    }

    // Only whether a secret matches a stored hash is remembered: a fact that never goes stale. Whether that secret
    // may still be used (revoked, expired, replaced) is decided afresh at every request by the caller.
    protected override async ValueTask<bool> ValidateClientSecretAsync(string secret, string comparand,
        CancellationToken cancellationToken = default)
    {
        if (verified.Contains(secret, comparand))
        {
            return true;
        }

        var valid = await base.ValidateClientSecretAsync(secret, comparand, cancellationToken);
        if (valid)
        {
            verified.Remember(secret, comparand);
        }

        return valid;
    }

    // A copy handed out untracked is tracked before it is written, exactly as if this request had read
    // it; if the request meanwhile read the row again, that instance takes the copy's values, and the
    // copy's concurrency token still decides whether the write wins.
    private OpenIddictEntityFrameworkCoreApplication Track(OpenIddictEntityFrameworkCoreApplication application)
    {
        if (application.Id is null || Db.Entry(application).State != EntityState.Detached)
        {
            return application;
        }

        if (Tracked(application.Id) is not { } tracked)
        {
            Db.Attach(application);
            return application;
        }

        var entry = Db.Entry(tracked);
        entry.CurrentValues.SetValues(application);
        entry.Property(a => a.ConcurrencyToken).OriginalValue = application.ConcurrencyToken;
        return tracked;
    }

    // A row this request already tracks wins, as EF's identity resolution would choose it. Otherwise the
    // request gets its own untracked copy: the store attaches it if the request updates it. A request that
    // has not leased a context yet tracks nothing.
    private OpenIddictEntityFrameworkCoreApplication ForThisRequest(OpenIddictEntityFrameworkCoreApplication snapshot) =>
        (leases.Leased ? Tracked(snapshot.Id!) : null) ?? ApplicationSnapshotCache.Copy(snapshot);

    // The change tracker's entries, not DbSet.Local: the local view, once created, follows every later
    // tracking change of the context for the rest of the request.
    private OpenIddictEntityFrameworkCoreApplication? Tracked(string id) =>
        Db.ChangeTracker.Entries<OpenIddictEntityFrameworkCoreApplication>().FirstOrDefault(entry => entry.Entity.Id == id)?.Entity;

    // readAt is taken before the read starts: a row read before a change made through this node's
    // manager is not remembered.
    private async ValueTask<OpenIddictEntityFrameworkCoreApplication?> RememberAsync(long readAt,
        ValueTask<OpenIddictEntityFrameworkCoreApplication?> read)
    {
        var application = await read;
        if (application is not null && Db.Entry(application).State == EntityState.Unchanged)
        {
            snapshots.Remember(ApplicationSnapshotCache.Copy(application), readAt);
        }

        return application;
    }
}
