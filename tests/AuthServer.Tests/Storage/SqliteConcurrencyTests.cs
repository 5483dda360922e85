using System.Collections.Concurrent;
using AuthServer.Tests.Infrastructure;

namespace AuthServer.Tests.Storage;

/// <summary>
/// Eight writers (CLI client changes and client_credentials issues) and fifty refresh chains at once
/// against one store: no 5xx and no <c>database is locked</c>, neither in the server's log nor in the
/// CLI's output. Named for SQLite, where one writer at a time is the risk; it runs on PostgreSQL too,
/// where the lock check is vacuous but the zero-5xx promise is the same.
/// </summary>
public sealed class SqliteConcurrencyTests : ExchangeTest
{
    private const int Writers = 8;
    private const int Chains = 50;
    private const int RefreshesPerChain = 3;

    protected override IDictionary<string, string?> ExtraSettings => new Dictionary<string, string?>
    {
        ["RateLimits:Enabled"] = "false",
    };

    [Fact]
    public async Task Eight_writers_and_fifty_refresh_chains_at_once_give_no_5xx_and_no_database_is_locked()
    {
        var subject = await LogInAsync(Bubble.Url);
        var firstTokens = await Task.WhenAll(Enumerable.Range(0, Chains).Select(_ => ExchangeAsync(subject)));
        Assert.All(firstTokens, r => Assert.Equal(200, r.Status));
        var statuses = new ConcurrentBag<int>();
        var cliOutput = new ConcurrentBag<string>();
        using var start = new SemaphoreSlim(0);

        var chains = firstTokens.Select(async first =>
        {
            await start.WaitAsync();
            var token = first["refresh_token"]!;
            for (var i = 0; i < RefreshesPerChain; i++)
            {
                var response = await RefreshAsync(token);
                statuses.Add(response.Status);
                token = response["refresh_token"] ?? token;
            }
        });
        var writers = Enumerable.Range(0, Writers).Select(async writer =>
        {
            await start.WaitAsync();
            var result = await CliRunner.RunAsync(DatabaseFile, Server.Url,
                $"clients add --client-id writer-{writer} --grant client_credentials --scope sample-api.read --secret writer-secret-{writer}-0123456789");
            cliOutput.Add($"exit {result.ExitCode}: {result.Out} {result.Error}");
            for (var i = 0; i < 5; i++)
            {
                statuses.Add((await Tokens.ClientCredentialsAsync()).Status);
            }
        });
        var all = Task.WhenAll(chains.Concat(writers));
        start.Release(Chains + Writers);
        await all;

        Assert.DoesNotContain(statuses, s => s >= 500);
        Assert.Equal(Chains * RefreshesPerChain + Writers * 5, statuses.Count(s => s == 200));
        Assert.All(cliOutput, line => Assert.StartsWith("exit 0", line, StringComparison.Ordinal));
        Assert.DoesNotContain("database is locked", Logs.AllText + string.Join("\n", cliOutput), StringComparison.OrdinalIgnoreCase);
    }
}
