using System.Net;
using System.Text.Json;
using AuthServer.Tests.Infrastructure;
using Microsoft.IdentityModel.JsonWebTokens;

namespace AuthServer.Tests.Keys;

/// <summary>Rotation on a compressed schedule (seconds instead of days), with SampleApi rereading the JWKS often.</summary>
public sealed class KeyRotationTests : ServerTest
{
    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Auth:AccessTokenLifetime"] = "00:00:02",
        ["Auth:KeyRotation:Interval"] = "00:00:06",
        ["Auth:KeyRotation:PropagationTime"] = "00:00:03", // wide enough that a loaded machine still sees the announcement before the switch
        ["Auth:KeyRotation:RetentionTime"] = "00:00:03",
        ["Maintenance:KeyCheckInterval"] = "00:00:00.200",
        ["RateLimits:Enabled"] = "false", // the load loop is as fast as the machine; the limits are tested elsewhere
    };

    protected override IDictionary<string, string?> ApiSettings => new Dictionary<string, string?>
    {
        ["Auth:KeySetRefreshInterval"] = "00:00:00.200",
    };

    [Fact]
    public async Task Keys_rotate_twice_under_load_and_no_request_fails()
    {
        var kids = new List<string>();
        var failures = new List<string>();
        var deadline = DateTime.UtcNow.AddSeconds(30);

        while (kids.Distinct().Count() < 3 && DateTime.UtcNow < deadline)
        {
            var token = await Tokens.ClientCredentialsAsync();
            if (token.Status != 200) { failures.Add($"token {token.Status}"); continue; }

            var kid = new JsonWebToken(token.AccessToken).Kid;
            kids.Add(kid);
            var published = await PublishedKidsAsync();
            if (!published.Contains(kid)) failures.Add($"active key {kid} missing from the JWKS");

            var data = await CallApiAsync("/data", token.AccessToken);
            if (data.StatusCode != HttpStatusCode.OK) failures.Add($"SampleApi {(int)data.StatusCode} for kid {kid}");
        }

        Assert.Empty(failures);
        Assert.True(kids.Distinct().Count() >= 3, $"expected two rotations, saw keys {string.Join(",", kids.Distinct())}");
    }

    [Fact]
    public async Task Next_key_is_announced_before_it_signs_and_a_retired_key_validates_until_retention_ends()
    {
        var first = await Tokens.ClientCredentialsAsync();
        var firstKid = new JsonWebToken(first.AccessToken).Kid;

        var announced = await WaitForAsync(async () => (await PublishedKidsAsync()).FirstOrDefault(k => k != firstKid));
        Assert.Equal(firstKid, new JsonWebToken((await Tokens.ClientCredentialsAsync()).AccessToken).Kid); // announced, not signing

        await WaitForAsync(async () => new JsonWebToken((await Tokens.ClientCredentialsAsync()).AccessToken).Kid == announced ? "switched" : null);
        Assert.Contains(firstKid, await PublishedKidsAsync()); // retired, still published
        Assert.Equal(HttpStatusCode.OK, (await CallApiAsync("/data", first.AccessToken)).StatusCode);

        await WaitForAsync(async () => (await PublishedKidsAsync()).Contains(firstKid) ? null : "gone");
        await WaitForAsync(async () => (await CallApiAsync("/data", first.AccessToken)).StatusCode == HttpStatusCode.Unauthorized ? "rejected" : null);
    }

    private async Task<List<string>> PublishedKidsAsync() =>
        [.. JsonDocument.Parse(await Tokens.Http.GetStringAsync("/.well-known/jwks")).RootElement.GetProperty("keys")
            .EnumerateArray().Select(k => k.GetProperty("kid").GetString()!)];

    private static async Task<string> WaitForAsync(Func<Task<string?>> probe)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (DateTime.UtcNow < deadline)
        {
            if (await probe() is { } found) return found;
            await Task.Delay(100);
        }

        throw new TimeoutException("the key schedule did not reach the expected state");
    }
}
