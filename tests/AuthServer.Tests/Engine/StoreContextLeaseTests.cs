using AuthServer.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using OpenIddict.Abstractions;
using OpenIddict.EntityFrameworkCore.Models;
using AuthServer.Engine;

namespace AuthServer.Tests.Engine;

/// <summary>A request leases a pooled store context only when something in it reaches the database.</summary>
public sealed class StoreContextLeaseTests : ServerTest
{
    [Fact]
    public async Task Creating_OpenIddicts_managers_leases_no_context_and_the_first_query_does()
    {
        await using var scope = Server.Services.CreateAsyncScope();
        var leases = scope.ServiceProvider.GetRequiredService<DbContextLeases>();
        var applications = scope.ServiceProvider.GetRequiredService<IOpenIddictApplicationManager>();
        scope.ServiceProvider.GetRequiredService<IOpenIddictTokenManager>();
        scope.ServiceProvider.GetRequiredService<IOpenIddictScopeManager>();
        scope.ServiceProvider.GetRequiredService<IOpenIddictAuthorizationManager>();

        Assert.False(leases.Leased);

        Assert.Null(await applications.FindByClientIdAsync("no-such-client")); // not cached: a query
        Assert.True(leases.Leased);
    }

    [Fact]
    public async Task A_client_found_in_the_cache_is_a_fresh_untracked_copy_without_a_lease()
    {
        Assert.Equal(200, (await Tokens.ClientCredentialsAsync()).Status); // the client is now cached

        await using var scope = Server.Services.CreateAsyncScope();
        var applications = scope.ServiceProvider.GetRequiredService<IOpenIddictApplicationManager>();
        var first = await applications.FindByClientIdAsync(TestClients.Script);
        var second = await applications.FindByClientIdAsync(TestClients.Script);

        Assert.NotNull(first);
        Assert.NotSame(first, second);
        Assert.False(scope.ServiceProvider.GetRequiredService<DbContextLeases>().Leased);
    }

    [Fact]
    public async Task OpenIddicts_entity_caches_are_created_only_when_a_request_first_uses_them()
    {
        Assert.Equal(200, (await Tokens.ClientCredentialsAsync()).Status); // the client is now cached

        await using var scope = Server.Services.CreateAsyncScope();
        var applications = scope.ServiceProvider.GetRequiredService<IOpenIddictApplicationManager>();
        var tokens = scope.ServiceProvider.GetRequiredService<IOpenIddictTokenManager>();
        scope.ServiceProvider.GetRequiredService<IOpenIddictScopeManager>();
        scope.ServiceProvider.GetRequiredService<IOpenIddictAuthorizationManager>();
        var applicationCache = Cache<LazyApplicationCache<OpenIddictEntityFrameworkCoreApplication>, IOpenIddictApplicationCache<OpenIddictEntityFrameworkCoreApplication>>(scope);
        var tokenCache = Cache<LazyTokenCache<OpenIddictEntityFrameworkCoreToken>, IOpenIddictTokenCache<OpenIddictEntityFrameworkCoreToken>>(scope);

        Assert.NotNull(await applications.FindByClientIdAsync(TestClients.Script)); // from AuthServer's own cache
        Assert.False(applicationCache.Created);
        Assert.False(tokenCache.Created);
        Assert.False(Cache<LazyScopeCache<OpenIddictEntityFrameworkCoreScope>, IOpenIddictScopeCache<OpenIddictEntityFrameworkCoreScope>>(scope).Created);
        Assert.False(Cache<LazyAuthorizationCache<OpenIddictEntityFrameworkCoreAuthorization>, IOpenIddictAuthorizationCache<OpenIddictEntityFrameworkCoreAuthorization>>(scope).Created);

        Assert.Null(await tokens.FindByIdAsync("no-such-token"));
        Assert.True(tokenCache.Created);
    }

    private static TLazy Cache<TLazy, TCache>(AsyncServiceScope scope) where TCache : notnull =>
        Assert.IsType<TLazy>(scope.ServiceProvider.GetRequiredService<TCache>());
}
