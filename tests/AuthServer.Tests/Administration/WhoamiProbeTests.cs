using System.Text.Json;
using AuthServer.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using OpenIddict.Abstractions;
using AuthServer.Administration.Bubble;
using AuthServer.Tests.Operations.Logging;

namespace AuthServer.Tests.Administration;

/// <summary>"Test whoami": a pasted Bubble token is classified as an exchange would be, and is kept nowhere.</summary>
public sealed class WhoamiProbeTests : ExchangeTest
{
    [Fact]
    public async Task A_good_token_is_a_user_with_the_claims_an_access_token_would_carry()
    {
        var result = await ProbeAsync(BubbleClient, await LogInAsync(Bubble.Url));

        Assert.Equal(WhoamiOutcome.User, result.Outcome);
        Assert.Equal($"{Bubble.Url}/api/1.1/wf/whoami", result.WhoamiUrl);
        Assert.Equal(User.Id, Claim(result, "sub"));
        Assert.Equal(UserEmail, Claim(result, "email"));
        Assert.Equal("pro", Claim(result, "plan"));
        Assert.Equal("3", Claim(result, "seats"));
        Assert.Equal("true", Claim(result, "verified"));
        Assert.Null(Claim(result, "address"));
        Assert.Contains(result.Warnings, w => w.StartsWith("address is left out: it is a list or an object", StringComparison.Ordinal));
        Assert.Single(result.Warnings);
    }

    [Fact]
    public async Task A_field_the_answer_lacks_is_named_in_a_warning()
    {
        var plain = Bubble.Simulator.Live.AddUser("plain@example.com", "plain-password");

        var result = await ProbeAsync(BubbleClient, await LogInAsync(Bubble.Url, plain.Email, plain.Password));

        Assert.Equal(WhoamiOutcome.User, result.Outcome);
        Assert.Equal(new[] { "sub", "email" }, result.Claims.Select(c => c.Name));
        Assert.Equal(4, result.Warnings.Length);
        Assert.Contains(result.Warnings, w => w.StartsWith("plan is left out: Bubble's answer has no such field", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_logged_out_token_is_rejected_even_right_after_an_exchange_cached_it()
    {
        var token = await LogInAsync(Bubble.Url);
        Assert.Equal(200, (await ExchangeAsync(token)).Status); // a positive answer is now cached
        Bubble.Simulator.Live.LogOut(token);

        var result = await ProbeAsync(BubbleClient, token);

        Assert.Equal(WhoamiOutcome.Rejected, result.Outcome);
        Assert.Contains("401", result.Explanation);
        Assert.Empty(result.Claims);
        Assert.Equal(2, WhoAmICalls());
    }

    [Fact]
    public async Task The_probe_does_not_fill_the_answer_cache()
    {
        var token = await LogInAsync(Bubble.Url);
        Assert.Equal(WhoamiOutcome.User, (await ProbeAsync(BubbleClient, token)).Outcome);

        Assert.Equal(200, (await ExchangeAsync(token)).Status);

        Assert.Equal(2, WhoAmICalls()); // the exchange asked Bubble again
    }

    [Fact]
    public async Task An_unknown_token_is_rejected()
    {
        var result = await ProbeAsync(BubbleClient, "bus|1234567890123x999999999999999999|1234567890123x888888888888888888");

        Assert.Equal(WhoamiOutcome.Rejected, result.Outcome);
        Assert.Contains("version-test", result.Explanation); // live and version-test have separate users
    }

    [Fact]
    public async Task A_live_token_tried_on_version_test_is_rejected()
    {
        var result = await ProbeAsync(TestVersionClient, await LogInAsync(Bubble.Url));

        Assert.Equal(WhoamiOutcome.Rejected, result.Outcome);
        Assert.Contains(Bubble.VersionTestUrl, result.Explanation);
    }

    [Fact]
    public async Task An_admin_key_is_rejected_as_no_user()
    {
        var result = await ProbeAsync(BubbleClient, Bubble.Simulator.AdminKey);

        Assert.Equal(WhoamiOutcome.Rejected, result.Outcome);
        Assert.Contains("admin API key", result.Explanation);
    }

    [Fact]
    public async Task A_redirecting_app_url_is_misconfigured()
    {
        await StoreClientAsync("moved-app", $"{Bubble.Url}/moved");

        var result = await ProbeAsync("moved-app", await LogInAsync(Bubble.Url));

        Assert.Equal(WhoamiOutcome.Misconfigured, result.Outcome);
        Assert.Contains("redirect", result.Explanation);
        Assert.Equal(0, WhoAmICalls()); // the redirect was not followed with the token
    }

    [Fact]
    public async Task An_unreachable_app_is_unavailable()
    {
        var result = await ProbeAsync(UnreachableClient, await LogInAsync(Bubble.Url));

        Assert.Equal(WhoamiOutcome.Unavailable, result.Outcome);
        Assert.Contains($"http://127.0.0.1:{UnreachablePort}", result.Explanation);
    }

    [Fact]
    public async Task A_client_without_a_bubble_app_is_told_so_and_nothing_is_called()
    {
        var result = await ProbeAsync(TestClients.Script, await LogInAsync(Bubble.Url));

        Assert.Equal(WhoamiOutcome.NoBubbleApp, result.Outcome);
        Assert.Contains("bound to no Bubble app", result.Explanation);
        Assert.Null(result.WhoamiUrl);
        Assert.Equal(0, WhoAmICalls());
    }

    [Fact]
    public async Task An_unknown_client_or_a_pasted_text_that_is_no_token_calls_nothing()
    {
        Assert.Equal(WhoamiOutcome.UnknownClient, (await ProbeAsync("no-such-client", "bus|1|2")).Outcome);
        Assert.Equal(WhoamiOutcome.UnknownClient, (await ProbeAsync("bad\0id", "bus|1|2")).Outcome);
        Assert.Equal(WhoamiOutcome.NotAToken, (await ProbeAsync(BubbleClient, "  ")).Outcome);
        Assert.Equal(WhoamiOutcome.NotAToken, (await ProbeAsync(BubbleClient, "Bearer bus|1|2")).Outcome);
        Assert.Equal(WhoamiOutcome.NotAToken, (await ProbeAsync(BubbleClient, new string('a', WhoamiProbe.MaxTokenLength + 1))).Outcome);
        Assert.Equal(0, WhoAmICalls());
    }

    [Fact]
    public async Task The_pasted_token_is_in_no_log_line_and_no_result()
    {
        var good = await LogInAsync(Bubble.Url);
        var unknown = "bus|1234567890123x777777777777777777|1234567890123x666666666666666666";

        var results = new[] { await ProbeAsync(BubbleClient, good), await ProbeAsync(BubbleClient, unknown) };

        Assert.True(Logs.HasEvent(5020), "the probe logged nothing: " + Logs.AllText);
        var logs = Logs.AllText;
        var shown = JsonSerializer.Serialize(results) + string.Join("\n", results.Select(r => r.ToString()));
        foreach (var part in NoLeakTests.Fragments(good).Concat(NoLeakTests.Fragments(unknown)))
        {
            Assert.DoesNotContain(part, logs);
            Assert.DoesNotContain(part, shown);
        }
    }

    private async Task<WhoamiProbeResult> ProbeAsync(string clientId, string token)
    {
        await using var scope = Server.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<WhoamiProbe>().TestAsync(clientId, token, CancellationToken.None);
    }

    private static string? Claim(WhoamiProbeResult result, string name) => result.Claims.SingleOrDefault(c => c.Name == name)?.Value;

    private async Task StoreClientAsync(string clientId, string bubbleAppUrl)
    {
        await StoredClients.CreateAsync(Server.Services, new AuthServer.Options.ClientDefinition
        {
            ClientId = clientId,
            ClientSecret = "moved-app-secret-0123456789",
            GrantTypes = ["token_exchange"],
            Scopes = ["sample-api.read"],
            BubbleAppUrl = bubbleAppUrl,
        });
    }
}
