using AuthServer.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using AuthServer.Engine;
using AuthServer.Tests.Clients;

namespace AuthServer.Tests.Engine;

/// <summary>The verified-secret cache saves the slow hash, and never lets a wrong or replaced secret through.</summary>
public sealed class VerifiedSecretCacheTests : ServerTest
{
    private VerifiedSecretCache Cache => Server.Services.GetRequiredService<VerifiedSecretCache>();

    [Fact]
    public async Task A_verified_secret_is_remembered_once_and_a_wrong_one_never_passes()
    {
        Assert.Equal(200, (await Tokens.ClientCredentialsAsync()).Status);
        Assert.Equal(200, (await Tokens.ClientCredentialsAsync()).Status);
        Assert.Equal(1, Cache.Count);

        OAuthAssert.Error(await Tokens.ClientCredentialsAsync(secret: TestClients.ScriptSecret + "x"), 401, "invalid_client");
        OAuthAssert.Error(await Tokens.ClientCredentialsAsync(secret: ""), 401, "invalid_client");
        Assert.Equal(1, Cache.Count);
    }

    [Fact]
    public async Task A_secret_replaced_on_this_node_stops_working_at_the_next_request_although_it_was_remembered()
    {
        Assert.Equal(200, (await Tokens.ClientCredentialsAsync()).Status);

        await StoredClients.UpdateAsync(Server.Services, TestClients.Script, descriptor => descriptor.ClientSecret = "new-secret-0123456789");

        OAuthAssert.Error(await Tokens.ClientCredentialsAsync(), 401, "invalid_client");
        Assert.Equal(200, (await Tokens.ClientCredentialsAsync(secret: "new-secret-0123456789")).Status);
    }

    // A secret replaced by the CLI or another node: ClientChangePropagationTests.
}
