using System.Net;
using System.Text.Json;
using AuthServer.Tests.Infrastructure;

namespace AuthServer.Tests.Storage;

public sealed class RestartPersistenceTests : IAsyncLifetime
{
    private readonly TestDirectory _directory = new();
    private readonly LogCapture _logs = new();

    [Fact]
    public async Task Restart_keeps_the_kid_and_old_tokens_stay_valid()
    {
        var port = Ports.Free();
        var database = _directory.File("authserver.db");

        string kidBefore, token;
        await using (var first = await AuthServerInstance.StartAsync(database, _logs, port: port))
        {
            using var client = new TokenClient(first.Url);
            kidBefore = await KidAsync(client);
            token = (await client.ClientCredentialsAsync()).AccessToken;
        }

        await using var second = await AuthServerInstance.StartAsync(database, _logs, port: port);
        using var secondClient = new TokenClient(second.Url);
        await using var api = await SampleApiInstance.StartAsync(second.Url, _directory.Path, _logs);
        using var apiClient = new HttpClient { BaseAddress = new Uri(api.Url) };
        apiClient.DefaultRequestHeaders.Authorization = new("Bearer", token);

        Assert.Equal(kidBefore, await KidAsync(secondClient));
        Assert.Equal(HttpStatusCode.OK, (await apiClient.GetAsync("/data")).StatusCode);
        Assert.Equal(kidBefore, new Microsoft.IdentityModel.JsonWebTokens.JsonWebToken(
            (await secondClient.ClientCredentialsAsync()).AccessToken).Kid);
    }

    [Fact]
    public async Task Store_holds_no_plain_client_secret_and_no_plain_private_key()
    {
        var database = _directory.File("authserver.db");
        await using (var server = await AuthServerInstance.StartAsync(database, _logs))
        {
            using var client = new TokenClient(server.Url);
            Assert.Equal(200, (await client.ClientCredentialsAsync()).Status);
        }

        var text = await TestStore.DumpAsync(database);
        Assert.DoesNotContain(TestClients.ScriptSecret, text);
        Assert.DoesNotContain("PRIVATE KEY", text);

        var stored = (string)(await TestStore.ExecuteAsync(database, "SELECT \"ProtectedKey\" FROM \"AuthKeys\" WHERE \"Use\" = 'sig'", scalar: true))!;
        // A bare PKCS#8 RSA key in base64 starts with "MII"; a Data Protection payload does not.
        Assert.False(stored.StartsWith("MII", StringComparison.Ordinal));
    }

    private static async Task<string> KidAsync(TokenClient client) =>
        JsonDocument.Parse(await client.Http.GetStringAsync("/.well-known/jwks")).RootElement
            .GetProperty("keys")[0].GetProperty("kid").GetString()!;

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync()
    {
        _directory.Dispose();
        return Task.CompletedTask;
    }
}
