using System.Diagnostics;
using System.Net;
using AuthServer.Tests.Infrastructure;
using Microsoft.IdentityModel.JsonWebTokens;
using Xunit.Abstractions;

namespace AuthServer.Tests.Keys;

public sealed class EmergencyKeyTests(ITestOutputHelper output) : ServerTest
{
    protected override IDictionary<string, string?> ApiSettings => new Dictionary<string, string?>
    {
        ["Auth:KeySetRefreshInterval"] = "00:00:01",
    };

    [Fact]
    public async Task Revoking_a_kid_invalidates_its_tokens_once_SampleApi_refetches_the_key_set()
    {
        var token = (await Tokens.ClientCredentialsAsync()).AccessToken;
        var kid = new JsonWebToken(token).Kid;
        Assert.Equal(HttpStatusCode.OK, (await CallApiAsync("/data", token)).StatusCode);

        var revoke = await CliRunner.RunAsync(DatabaseFile, Server.Url, $"keys revoke {kid} --yes");
        var clock = Stopwatch.StartNew();

        Assert.Equal(0, revoke.ExitCode);
        Assert.DoesNotContain(kid, await Tokens.Http.GetStringAsync("/.well-known/jwks"));
        while ((await CallApiAsync("/data", token)).StatusCode == HttpStatusCode.OK)
        {
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(15), "SampleApi still accepts tokens of the revoked key");
            await Task.Delay(50);
        }

        output.WriteLine($"SampleApi (key set refreshed every 1 s) rejected the revoked key's token {clock.ElapsedMilliseconds} ms after the revocation.");
        var fresh = (await Tokens.ClientCredentialsAsync()).AccessToken;
        Assert.NotEqual(kid, new JsonWebToken(fresh).Kid);
        Assert.Equal(HttpStatusCode.OK, (await CallApiAsync("/data", fresh)).StatusCode);
    }

    [Fact]
    public async Task Rotate_now_signs_with_the_new_kid_at_once()
    {
        var before = new JsonWebToken((await Tokens.ClientCredentialsAsync()).AccessToken).Kid;

        var rotate = await CliRunner.RunAsync(DatabaseFile, Server.Url, "keys rotate --now");
        var after = (await Tokens.ClientCredentialsAsync()).AccessToken;

        Assert.Equal(0, rotate.ExitCode);
        var kid = new JsonWebToken(after).Kid;
        Assert.NotEqual(before, kid);
        Assert.Contains(kid, rotate.Out);
        Assert.Contains(before, await Tokens.Http.GetStringAsync("/.well-known/jwks")); // the old key retires, not vanishes
    }
}
