using AuthServer.Keys;
using AuthServer.Storage;
using AuthServer.Storage.Keys;
using AuthServer.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AuthServer.Tests.Keys;

public sealed class KeyCreationRaceTests : ServerTest
{
    [Fact]
    public async Task Nodes_racing_to_rotate_create_exactly_one_new_key()
    {
        // Four "nodes" (separate scopes and connections on one store) run maintenance at once,
        // at a moment when the schedule wants a successor: every one of them sees the need.
        await using (var scope = Server.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AuthDbContext>();
            await db.Keys.Where(k => k.Use == KeyUse.Signing)
                .ExecuteUpdateAsync(k => k.SetProperty(x => x.ActivatesUtc, DateTime.UtcNow.AddDays(-29)));
        }

        await Task.WhenAll(Enumerable.Range(0, 4).Select(async _ =>
        {
            await using var scope = Server.Services.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<KeyManager>().MaintainAsync();
        }));

        await using var check = Server.Services.CreateAsyncScope();
        var keys = await check.ServiceProvider.GetRequiredService<KeyManager>().ListAsync();
        Assert.Single(keys, k => k.State == KeyState.Announced);
        Assert.Single(keys, k => k.State == KeyState.Active);
    }
}
