using System.Collections.Immutable;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using OpenIddict.Abstractions;
using OpenIddict.Core;

namespace AuthServer.Engine;

/// <summary>
/// OpenIddict's per-request entity caches, created when a request first uses one. OpenIddict gives each
/// of its four managers a cache (a <c>MemoryCache</c> each) whenever the manager is created, which every
/// token request does; most requests are answered from AuthServer's own caches and never touch them.
/// Behaviour is OpenIddict's: each wrapper hands every call to OpenIddict's cache once it exists.
/// </summary>
public static class LazyEntityCaches
{
    /// <summary>Replaces OpenIddict's registrations; call after <c>AddOpenIddict().AddCore(...)</c>.</summary>
    public static void Register(IServiceCollection services)
    {
        services.Replace(ServiceDescriptor.Scoped(typeof(IOpenIddictApplicationCache<>), typeof(LazyApplicationCache<>)));
        services.Replace(ServiceDescriptor.Scoped(typeof(IOpenIddictAuthorizationCache<>), typeof(LazyAuthorizationCache<>)));
        services.Replace(ServiceDescriptor.Scoped(typeof(IOpenIddictScopeCache<>), typeof(LazyScopeCache<>)));
        services.Replace(ServiceDescriptor.Scoped(typeof(IOpenIddictTokenCache<>), typeof(LazyTokenCache<>)));
    }
}

/// <summary>OpenIddict's cache, created when first asked for.</summary>
public abstract class LazyCache<TCache> : IDisposable where TCache : class, IDisposable
{
    private TCache? _cache;

    protected TCache Cache => _cache ??= Create();

    // A method, not a delegate handed to the constructor: no closure is allocated for the many requests that never call it.
    protected abstract TCache Create();

    internal bool Created => _cache is not null;

    public void Dispose() => _cache?.Dispose();
}

public sealed class LazyApplicationCache<T>(IOptionsMonitor<OpenIddictCoreOptions> options, IOpenIddictApplicationStore<T> store)
    : LazyCache<OpenIddictApplicationCache<T>>, IOpenIddictApplicationCache<T> where T : class
{
    protected override OpenIddictApplicationCache<T> Create() => new(options, store);

    public ValueTask AddAsync(T application, CancellationToken cancellationToken) => Cache.AddAsync(application, cancellationToken);

    public ValueTask<T?> FindByClientIdAsync(string identifier, CancellationToken cancellationToken) => Cache.FindByClientIdAsync(identifier, cancellationToken);

    public ValueTask<T?> FindByIdAsync(string identifier, CancellationToken cancellationToken) => Cache.FindByIdAsync(identifier, cancellationToken);

    public IAsyncEnumerable<T> FindByPostLogoutRedirectUriAsync(string uri, CancellationToken cancellationToken) =>
        Cache.FindByPostLogoutRedirectUriAsync(uri, cancellationToken);

    public IAsyncEnumerable<T> FindByRedirectUriAsync(string uri, CancellationToken cancellationToken) => Cache.FindByRedirectUriAsync(uri, cancellationToken);

    public ValueTask RemoveAsync(T application, CancellationToken cancellationToken) => Cache.RemoveAsync(application, cancellationToken);

}

public sealed class LazyAuthorizationCache<T>(IOptionsMonitor<OpenIddictCoreOptions> options, IOpenIddictAuthorizationStore<T> store)
    : LazyCache<OpenIddictAuthorizationCache<T>>, IOpenIddictAuthorizationCache<T> where T : class
{
    protected override OpenIddictAuthorizationCache<T> Create() => new(options, store);

    public ValueTask AddAsync(T authorization, CancellationToken cancellationToken) => Cache.AddAsync(authorization, cancellationToken);

    public IAsyncEnumerable<T> FindAsync(string? subject, string? client, string? status, string? type, ImmutableArray<string>? scopes,
        CancellationToken cancellationToken) => Cache.FindAsync(subject, client, status, type, scopes, cancellationToken);

    public IAsyncEnumerable<T> FindByApplicationIdAsync(string identifier, CancellationToken cancellationToken) =>
        Cache.FindByApplicationIdAsync(identifier, cancellationToken);

    public ValueTask<T?> FindByIdAsync(string identifier, CancellationToken cancellationToken) => Cache.FindByIdAsync(identifier, cancellationToken);

    public IAsyncEnumerable<T> FindBySubjectAsync(string subject, CancellationToken cancellationToken) => Cache.FindBySubjectAsync(subject, cancellationToken);

    public ValueTask RemoveAsync(T authorization, CancellationToken cancellationToken) => Cache.RemoveAsync(authorization, cancellationToken);

}

public sealed class LazyScopeCache<T>(IOptionsMonitor<OpenIddictCoreOptions> options, IOpenIddictScopeStore<T> store)
    : LazyCache<OpenIddictScopeCache<T>>, IOpenIddictScopeCache<T> where T : class
{
    protected override OpenIddictScopeCache<T> Create() => new(options, store);

    public ValueTask AddAsync(T scope, CancellationToken cancellationToken) => Cache.AddAsync(scope, cancellationToken);

    public ValueTask<T?> FindByIdAsync(string identifier, CancellationToken cancellationToken) => Cache.FindByIdAsync(identifier, cancellationToken);

    public ValueTask<T?> FindByNameAsync(string name, CancellationToken cancellationToken) => Cache.FindByNameAsync(name, cancellationToken);

    public IAsyncEnumerable<T> FindByNamesAsync(ImmutableArray<string> names, CancellationToken cancellationToken) => Cache.FindByNamesAsync(names, cancellationToken);

    public IAsyncEnumerable<T> FindByResourceAsync(string resource, CancellationToken cancellationToken) => Cache.FindByResourceAsync(resource, cancellationToken);

    public ValueTask RemoveAsync(T scope, CancellationToken cancellationToken) => Cache.RemoveAsync(scope, cancellationToken);

}

public sealed class LazyTokenCache<T>(IOptionsMonitor<OpenIddictCoreOptions> options, IOpenIddictTokenStore<T> store)
    : LazyCache<OpenIddictTokenCache<T>>, IOpenIddictTokenCache<T> where T : class
{
    protected override OpenIddictTokenCache<T> Create() => new(options, store);

    public ValueTask AddAsync(T token, CancellationToken cancellationToken) => Cache.AddAsync(token, cancellationToken);

    public IAsyncEnumerable<T> FindAsync(string? subject, string? client, string? status, string? type, CancellationToken cancellationToken) =>
        Cache.FindAsync(subject, client, status, type, cancellationToken);

    public IAsyncEnumerable<T> FindByApplicationIdAsync(string identifier, CancellationToken cancellationToken) =>
        Cache.FindByApplicationIdAsync(identifier, cancellationToken);

    public IAsyncEnumerable<T> FindByAuthorizationIdAsync(string identifier, CancellationToken cancellationToken) =>
        Cache.FindByAuthorizationIdAsync(identifier, cancellationToken);

    public ValueTask<T?> FindByIdAsync(string identifier, CancellationToken cancellationToken) => Cache.FindByIdAsync(identifier, cancellationToken);

    public ValueTask<T?> FindByReferenceIdAsync(string identifier, CancellationToken cancellationToken) => Cache.FindByReferenceIdAsync(identifier, cancellationToken);

    public IAsyncEnumerable<T> FindBySubjectAsync(string subject, CancellationToken cancellationToken) => Cache.FindBySubjectAsync(subject, cancellationToken);

    public ValueTask RemoveAsync(T token, CancellationToken cancellationToken) => Cache.RemoveAsync(token, cancellationToken);

}
