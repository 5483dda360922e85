using AuthServer.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection.Extensions;
using OpenIddict.EntityFrameworkCore;

namespace AuthServer.Engine;

/// <summary>
/// How OpenIddict's stores reach the request's <see cref="AuthDbContext"/>: when a store first queries,
/// not when a manager is created. OpenIddict's own context is handed the DbContext at construction, so
/// every token request leased a pooled context even when its client, scopes and keys all came from the
/// caches and it never touched the database.
/// </summary>
public sealed class LazyStoreContext(IServiceProvider scope) : IOpenIddictEntityFrameworkCoreContext
{
    /// <summary>In place of OpenIddict's context, with the lease tracking that lets a lookup know nothing is tracked;
    /// after <c>AddDbContextPool</c> and OpenIddict's <c>UseDbContext</c>, whose registrations it wraps and replaces.</summary>
    public static void Register(IServiceCollection services)
    {
        DbContextLeases.Track(services);
        services.Replace(ServiceDescriptor.Scoped<IOpenIddictEntityFrameworkCoreContext, LazyStoreContext>());
    }

    public ValueTask<DbContext> GetDbContextAsync(CancellationToken cancellationToken) =>
        cancellationToken.IsCancellationRequested
            ? ValueTask.FromCanceled<DbContext>(cancellationToken)
            : ValueTask.FromResult<DbContext>(scope.GetRequiredService<AuthDbContext>());
}
