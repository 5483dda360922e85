using AuthServer.Hosting;
using AuthServer.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using OpenIddict.Abstractions;

namespace AuthServer.Tests;

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
}
