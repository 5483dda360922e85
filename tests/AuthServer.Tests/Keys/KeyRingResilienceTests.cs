using AuthServer.Tests.Infrastructure;

namespace AuthServer.Tests.Keys;

/// <summary>A store that cannot be read for a moment does not fail requests the loaded keys can serve.</summary>
public sealed class KeyRingResilienceTests : ServerTest
{
    [Fact]
    public async Task While_the_keys_table_cannot_be_read_tokens_and_the_jwks_are_served_from_the_loaded_keys()
    {
        Assert.Equal(200, (await Tokens.ClientCredentialsAsync()).Status);

        await ExecuteAsync("ALTER TABLE \"AuthKeys\" RENAME TO \"AuthKeysAway\";");
        try
        {
            Assert.Equal(200, (await Tokens.ClientCredentialsAsync()).Status);
            Assert.Equal(System.Net.HttpStatusCode.OK, (await Tokens.Http.GetAsync("/.well-known/jwks")).StatusCode);
            Assert.True(Logs.HasEvent(4007), "the failed key reread (4007) was not logged");
        }
        finally
        {
            await ExecuteAsync("ALTER TABLE \"AuthKeysAway\" RENAME TO \"AuthKeys\";");
        }

        Assert.Equal(200, (await Tokens.ClientCredentialsAsync()).Status);
    }

    private Task ExecuteAsync(string sql) => TestStore.ExecuteAsync(DatabaseFile, sql);
}
