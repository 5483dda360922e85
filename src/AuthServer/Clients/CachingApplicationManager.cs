using AuthServer.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using OpenIddict.Abstractions;
using OpenIddict.Core;
using OpenIddict.EntityFrameworkCore.Models;

namespace AuthServer.Clients;

/// <summary>
/// OpenIddict's application manager with two process-wide caches in front of the store: clients found
/// in the last second (<see cref="ApplicationSnapshotCache"/>) and secrets that verified
/// (<see cref="VerifiedSecretCache"/>). Each request gets its own copy of a cached client, attached to
/// its context as if it had just been read, so an update through this manager behaves as without the
/// cache, and the row's concurrency token still guards it.
/// </summary>
public sealed class CachingApplicationManager(
    IOpenIddictApplicationCache<OpenIddictEntityFrameworkCoreApplication> cache,
    ILogger<OpenIddictApplicationManager<OpenIddictEntityFrameworkCoreApplication>> logger,
    IOptionsMonitor<OpenIddictCoreOptions> options,
    IOpenIddictApplicationStore<OpenIddictEntityFrameworkCoreApplication> store,
    AuthDbContext db,
    ApplicationSnapshotCache snapshots,
    VerifiedSecretCache verified) : OpenIddictApplicationManager<OpenIddictEntityFrameworkCoreApplication>(cache, logger, options, store)
{
    public override async ValueTask<OpenIddictEntityFrameworkCoreApplication?> FindByClientIdAsync(string identifier,
        CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(identifier);
        if (snapshots.FindByClientId(identifier) is { } snapshot)
        {
            return Attach(snapshot);
        }

        return Remember(await base.FindByClientIdAsync(identifier, cancellationToken));
    }

    public override async ValueTask<OpenIddictEntityFrameworkCoreApplication?> FindByIdAsync(string identifier,
        CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(identifier);
        if (snapshots.FindById(identifier) is { } snapshot)
        {
            return Attach(snapshot);
        }

        return Remember(await base.FindByIdAsync(identifier, cancellationToken));
    }

    public override async ValueTask UpdateAsync(OpenIddictEntityFrameworkCoreApplication application, CancellationToken cancellationToken = default)
    {
        snapshots.Forget(application);
        await base.UpdateAsync(application, cancellationToken);
        snapshots.Forget(application);
    }

    public override async ValueTask DeleteAsync(OpenIddictEntityFrameworkCoreApplication application, CancellationToken cancellationToken = default)
    {
        snapshots.Forget(application);
        await base.DeleteAsync(application, cancellationToken);
        snapshots.Forget(application);
    }

    public override async ValueTask<bool> ValidateClientSecretAsync(OpenIddictEntityFrameworkCoreApplication application, string secret,
        CancellationToken cancellationToken = default)
    {
        var clientId = application.ClientId;
        var storedHash = application.ClientSecret;
        if (string.IsNullOrEmpty(clientId) || string.IsNullOrEmpty(storedHash) || string.IsNullOrEmpty(secret)
            || await HasClientTypeAsync(application, OpenIddictConstants.ClientTypes.Public, cancellationToken))
        {
            return await base.ValidateClientSecretAsync(application, secret, cancellationToken);
        }

        if (verified.Contains(clientId, secret, storedHash))
        {
            return true;
        }

        var valid = await base.ValidateClientSecretAsync(application, secret, cancellationToken);
        if (valid)
        {
            verified.Remember(clientId, secret, storedHash);
        }

        return valid;
    }

    // The row this request already tracks wins, exactly as EF's identity resolution would choose it.
    private OpenIddictEntityFrameworkCoreApplication Attach(OpenIddictEntityFrameworkCoreApplication snapshot)
    {
        var applications = db.Set<OpenIddictEntityFrameworkCoreApplication>();
        if (applications.Local.FindEntry(snapshot.Id!)?.Entity is { } tracked)
        {
            return tracked;
        }

        var copy = (OpenIddictEntityFrameworkCoreApplication)db.Entry(snapshot).CurrentValues.ToObject();
        applications.Attach(copy);
        return copy;
    }

    private OpenIddictEntityFrameworkCoreApplication? Remember(OpenIddictEntityFrameworkCoreApplication? application)
    {
        if (application is not null && db.Entry(application).State == EntityState.Unchanged)
        {
            snapshots.Remember((OpenIddictEntityFrameworkCoreApplication)db.Entry(application).CurrentValues.ToObject());
        }

        return application;
    }
}
