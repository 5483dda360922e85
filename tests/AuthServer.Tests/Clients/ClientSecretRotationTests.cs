using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;
using AuthServer.Storage.ClientSecrets;
using AuthServer.Administration.Clients;
using AuthServer.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace AuthServer.Tests.Clients;

/// <summary>
/// Rotation without downtime on two nodes sharing one store (SQLite here, PostgreSQL in the Postgres build): an old
/// secret works on every node until its grace period ends and is refused by every node after; a revoked secret stops
/// everywhere within <see cref="ClientSecretRows.Lifetime"/>; and callers switching from the old secret to the new one
/// while requests flow lose none.
/// </summary>
public sealed class ClientSecretRotationTests : IAsyncLifetime
{
    private const string Robot = "robot";
    private const string OldSecret = "robot-old-secret-0123456789";
    private const string NewSecret = "robot-new-secret-0123456789";

    // The cache lifetime, plus room for a request on a loaded machine.
    private static readonly TimeSpan Bound = ClientSecretRows.Lifetime + TimeSpan.FromSeconds(2);

    private readonly TestDirectory _directory = new();
    private readonly LogCapture _logs = new();
    // Both nodes read this clock, so a grace period can end for both at once without the test waiting for it.
    private readonly ShiftedClock _clock = new();
    private AuthServerInstance _nodeA = null!;
    private AuthServerInstance _nodeB = null!;
    private TokenClient _a = null!;
    private TokenClient _b = null!;

    private string Database => _directory.File("shared.db");

    public async Task InitializeAsync()
    {
        // The load test sends more than the default per-client limit; the limit is not what is tested here.
        var settings = new Dictionary<string, string?> { ["RateLimits:RequestsPerMinute"] = "1000000" };
        _nodeA = await AuthServerInstance.StartAsync(Database, _logs, settings, configure: UseClock);
        _nodeB = await AuthServerInstance.StartAsync(Database, _logs, settings, configure: UseClock);
        _a = new TokenClient(_nodeA.Url);
        _b = new TokenClient(_nodeB.Url);
        await Cli($"clients add --client-id {Robot} --grant client_credentials --scope sample-api.read --secret {OldSecret}");
    }

    public async Task DisposeAsync()
    {
        _a.Dispose();
        _b.Dispose();
        await _nodeA.DisposeAsync();
        await _nodeB.DisposeAsync();
        _directory.Dispose();
    }

    [Fact]
    public async Task An_old_secret_works_on_both_nodes_until_its_grace_period_ends_then_both_refuse_it()
    {
        // Both nodes have the old secret cached (a verified hash, and the client's rows) before the rotation.
        Assert.Equal(200, (await _a.ClientCredentialsAsync(Robot, OldSecret)).Status);
        Assert.Equal(200, (await _b.ClientCredentialsAsync(Robot, OldSecret)).Status);

        await Cli($"clients secrets add {Robot} --secret {NewSecret} --retire-others-in 01:00:00");
        var graceEnds = await ExpiryOfOriginalAsync();

        // Within the grace period: both secrets work on both nodes, up to its last second.
        foreach (var node in new[] { _a, _b })
        {
            Assert.Equal(200, (await node.ClientCredentialsAsync(Robot, OldSecret)).Status);
            Assert.Equal(200, (await node.ClientCredentialsAsync(Robot, NewSecret)).Status);
        }

        _clock.Shift(graceEnds - _clock.GetUtcNow().UtcDateTime - TimeSpan.FromSeconds(2));
        Assert.Equal(200, (await _a.ClientCredentialsAsync(Robot, OldSecret)).Status);
        Assert.Equal(200, (await _b.ClientCredentialsAsync(Robot, OldSecret)).Status);

        _clock.Shift(TimeSpan.FromSeconds(3));
        // An expiry is compared with the clock at every request: no cache bound to wait for.
        OAuthAssert.Error(await _a.ClientCredentialsAsync(Robot, OldSecret), 401, "invalid_client");
        OAuthAssert.Error(await _b.ClientCredentialsAsync(Robot, OldSecret), 401, "invalid_client");
        Assert.Equal(200, (await _a.ClientCredentialsAsync(Robot, NewSecret)).Status);
        Assert.Equal(200, (await _b.ClientCredentialsAsync(Robot, NewSecret)).Status);
        Assert.True(_logs.HasEvent(1020));
    }

    [Fact]
    public async Task A_secret_revoked_through_one_node_is_refused_there_at_once_and_by_the_other_node_within_the_bound()
    {
        await Cli($"clients secrets add {Robot} --secret {NewSecret}");
        Assert.Equal(200, (await _a.ClientCredentialsAsync(Robot, OldSecret)).Status);
        Assert.Equal(200, (await _b.ClientCredentialsAsync(Robot, OldSecret)).Status);

        // Through node A's own administration layer, as its console does.
        using (var scope = _nodeA.Services.CreateScope())
        {
            var secrets = scope.ServiceProvider.GetRequiredService<ClientSecretAdministration>();
            Assert.IsType<ClientSecretRevoked>(await secrets.RevokeAsync(Robot, "original", "test"));
        }

        OAuthAssert.Error(await _a.ClientCredentialsAsync(Robot, OldSecret), 401, "invalid_client");
        var clock = Stopwatch.StartNew();
        while ((await _b.ClientCredentialsAsync(Robot, OldSecret)).Status == 200)
        {
            Assert.True(clock.Elapsed < Bound, $"node B still accepted the revoked secret after {clock.Elapsed}");
            await Task.Delay(50);
        }

        // Once refused, never accepted again, on either node.
        OAuthAssert.Error(await _a.ClientCredentialsAsync(Robot, OldSecret), 401, "invalid_client");
        OAuthAssert.Error(await _b.ClientCredentialsAsync(Robot, OldSecret), 401, "invalid_client");
        Assert.Equal(200, (await _b.ClientCredentialsAsync(Robot, NewSecret)).Status);
    }

    [Fact]
    public async Task A_rotation_under_load_loses_no_request_while_callers_switch_from_the_old_secret_to_the_new()
    {
        var answers = new ConcurrentBag<(int Status, string Secret)>();
        var rotated = new TaskCompletionSource();
        const int RequestsAfterTheRotation = 12;
        var callers = Enumerable.Range(0, 6).Select(caller => Task.Run(async () =>
        {
            var (requests, after) = (0, 0);
            while (after < RequestsAfterTheRotation)
            {
                // Each caller switches at its own moment after the new secret exists, as a fleet of scripts would,
                // some of them back and forth (two copies of a script, one updated).
                var switched = rotated.Task.IsCompleted;
                var secret = switched && (after++ + caller) % 3 != 0 ? NewSecret : OldSecret;
                var node = requests++ % 2 == 0 ? _a : _b;
                answers.Add(((await node.ClientCredentialsAsync(Robot, secret)).Status, secret));
                if (!switched && requests > 200)
                {
                    await Task.Delay(10);
                }
            }
        })).ToArray();

        while (answers.Count < 12)
        {
            await Task.Delay(20);
        }

        await Cli($"clients secrets add {Robot} --secret {NewSecret} --retire-others-in 01:00:00");
        rotated.SetResult();
        await Task.WhenAll(callers).WaitAsync(TimeSpan.FromMinutes(2));

        Assert.All(answers, answer => Assert.Equal(200, answer.Status));
        Assert.Contains(answers, answer => answer.Secret == OldSecret);
        Assert.True(answers.Count(answer => answer.Secret == NewSecret) >= 6 * RequestsAfterTheRotation / 2, "the callers switched to the new secret");
    }

    private void UseClock(Microsoft.AspNetCore.Builder.WebApplicationBuilder builder) => builder.Services.AddSingleton<TimeProvider>(_clock);

    private async Task<DateTime> ExpiryOfOriginalAsync()
    {
        var list = await CliRunner.RunAsync(Database, _nodeA.Url, $"clients secrets list {Robot} --json");
        return JsonDocument.Parse(list.Out).RootElement.EnumerateArray().Single(s => s.GetProperty("id").GetString() == "original")
            .GetProperty("expires_utc").GetDateTime().ToUniversalTime();
    }

    private async Task Cli(string commandLine)
    {
        var result = await CliRunner.RunAsync(Database, _nodeA.Url, commandLine);
        Assert.True(result.ExitCode == 0, $"{commandLine}: {result.Error}");
    }
}
