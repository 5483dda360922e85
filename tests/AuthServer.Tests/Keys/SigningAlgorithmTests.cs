using System.Net;
using System.Text.Json;
using AuthServer.Tests.Infrastructure;
using Microsoft.IdentityModel.JsonWebTokens;

namespace AuthServer.Tests.Keys;

public sealed class Es256Tests : ServerTest
{
    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?> { ["Auth:SigningAlgorithm"] = "ES256" };

    [Fact]
    public async Task Es256_keys_sign_tokens_that_SampleApi_and_jose_accept()
    {
        var key = JsonDocument.Parse(await Tokens.Http.GetStringAsync("/.well-known/jwks")).RootElement.GetProperty("keys")[0];
        var token = (await Tokens.ClientCredentialsAsync()).AccessToken;

        Assert.Equal("EC", key.GetProperty("kty").GetString());
        Assert.Equal("P-256", key.GetProperty("crv").GetString());
        Assert.Equal("ES256", key.GetProperty("alg").GetString());
        Assert.False(key.TryGetProperty("d", out _));
        Assert.Equal("ES256", new JsonWebToken(token).Alg);
        Assert.Equal(HttpStatusCode.OK, (await CallApiAsync("/data", token)).StatusCode);
        var (exitCode, output) = await NodeVerifier.VerifyAsync(Server.Url, "sample-api", token);
        Assert.True(exitCode == 0, output);
    }
}

public sealed class AlgorithmSwitchTests : IAsyncLifetime
{
    private readonly TestDirectory _directory = new();
    private readonly LogCapture _logs = new();

    [Fact]
    public async Task Switching_to_es256_is_a_rotation_announced_first_then_active()
    {
        var database = _directory.File("authserver.db");
        var schedule = new Dictionary<string, string?>
        {
            ["Auth:KeyRotation:PropagationTime"] = "00:00:01.500",
            ["Maintenance:KeyCheckInterval"] = "00:00:00.200",
        };
        string rsaKid;
        await using (var rsa = await AuthServerInstance.StartAsync(database, _logs, schedule))
        {
            using var client = new TokenClient(rsa.Url);
            rsaKid = new JsonWebToken((await client.ClientCredentialsAsync()).AccessToken).Kid;
        }

        schedule["Auth:SigningAlgorithm"] = "ES256";
        await using var ec = await AuthServerInstance.StartAsync(database, _logs, schedule);
        using var tokens = new TokenClient(ec.Url);

        var first = new JsonWebToken((await tokens.ClientCredentialsAsync()).AccessToken);
        Assert.Equal(("RS256", rsaKid), (first.Alg, first.Kid)); // the EC key is only announced
        var jwks = await tokens.Http.GetStringAsync("/.well-known/jwks");
        Assert.Contains("\"EC\"", jwks);

        var deadline = DateTime.UtcNow.AddSeconds(15);
        JsonWebToken latest;
        do
        {
            await Task.Delay(200);
            latest = new JsonWebToken((await tokens.ClientCredentialsAsync()).AccessToken);
        }
        while (latest.Alg != "ES256" && DateTime.UtcNow < deadline);

        Assert.Equal("ES256", latest.Alg);
        Assert.Contains(rsaKid, await tokens.Http.GetStringAsync("/.well-known/jwks")); // retired, still published
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync()
    {
        _directory.Dispose();
        return Task.CompletedTask;
    }
}
