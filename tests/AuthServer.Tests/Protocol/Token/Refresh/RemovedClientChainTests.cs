using AuthServer.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using OpenIddict.Abstractions;

namespace AuthServer.Tests.Protocol.Token.Refresh;

/// <summary>
/// A client removed on another node can still be found in this node's one-second client cache, but it
/// can no longer start a refresh chain here: the chain's rows would outlive the removal.
/// </summary>
public sealed class RemovedClientChainTests : ExchangeTest
{
    [Fact]
    public async Task A_client_removed_on_another_node_cannot_start_a_chain_from_this_nodes_cached_copy()
    {
        await using var nodeB = await StartSecondNodeAsync();
        var subjectToken = await LogInAsync(Bubble.Url);
        Assert.Equal(200, (await ExchangeAsync(subjectToken)).Status); // this node now holds the client in its cache

        await using (var scope = nodeB.Services.CreateAsyncScope())
        {
            var applications = scope.ServiceProvider.GetRequiredService<IOpenIddictApplicationManager>();
            await applications.DeleteAsync((await applications.FindByClientIdAsync(BubbleClient))!);
        }

        var response = await ExchangeAsync(subjectToken);

        Assert.Equal("invalid_client", response["error"]);
        await using var check = Server.Services.CreateAsyncScope();
        Assert.Equal(0, await check.ServiceProvider.GetRequiredService<IOpenIddictTokenManager>().CountAsync());
    }
}
