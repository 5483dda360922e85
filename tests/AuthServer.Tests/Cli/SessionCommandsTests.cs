using AuthServer.Sessions;
using AuthServer.Storage;
using AuthServer.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AuthServer.Tests.Cli;

/// <summary><c>sessions list | end</c> against a running server's store, with real chains from token exchanges.</summary>
public sealed class SessionCommandsTests : ExchangeTest
{
    private Task<CliResult> RunAsync(string commandLine, string input = "") =>
        CliRunner.RunAsync(DatabaseFile, Server.Url, commandLine, input);

    [Fact]
    public async Task List_by_user_id_shows_each_chain_with_its_client_app_and_dates()
    {
        var first = await ExchangeAsync(await LogInAsync(Bubble.Url));
        await ExchangeAsync(await LogInAsync(Bubble.Url));
        await RefreshAsync(first["refresh_token"]!);

        var result = await RunAsync($"sessions list --user {User.Id}");

        Assert.Equal(0, result.ExitCode);
        var rows = result.Out.Trim().Split('\n').Skip(2).ToList(); // the header and its rule
        Assert.Equal(2, rows.Count);
        Assert.All(rows, row => Assert.Contains(BubbleClient, row));
        Assert.All(rows, row => Assert.Contains(Bubble.Url, row));
        Assert.All(rows, row => Assert.Contains(UserEmail, row));
        Assert.Single(rows, row => row.Split("  ", StringSplitOptions.RemoveEmptyEntries).Count(cell => cell.Trim() == "-") == 0); // refreshed: no "-"
        Assert.Contains("LAST REFRESHED", result.Out);
    }

    [Fact]
    public async Task List_by_email_ignores_case_and_an_unknown_user_lists_nothing()
    {
        await ExchangeAsync(await LogInAsync(Bubble.Url));

        var byEmail = await RunAsync($"sessions list --email {UserEmail.ToUpperInvariant()}");
        var nobody = await RunAsync("sessions list --user 1x1");

        Assert.Equal(0, byEmail.ExitCode);
        Assert.Contains(User.Id, byEmail.Out);
        Assert.Equal(0, nobody.ExitCode);
        Assert.Equal(2, nobody.Out.Trim().Split('\n').Length); // the header alone
    }

    [Fact]
    public async Task End_by_user_id_with_yes_ends_every_chain_and_a_second_run_ends_none()
    {
        var chains = new[] { await ExchangeAsync(await LogInAsync(Bubble.Url)), await ExchangeAsync(await LogInAsync(Bubble.Url)) };

        var result = await RunAsync($"sessions end --user {User.Id} --yes");
        var again = await RunAsync($"sessions end --user {User.Id} --yes");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("Ended 2 session(s)", result.Out);
        Assert.Contains("Ended 0 session(s)", again.Out);
        foreach (var chain in chains)
        {
            OAuthAssert.Error(await RefreshAsync(chain["refresh_token"]!), 400, "invalid_grant");
            Assert.False((await Tokens.IntrospectAsync(chain.AccessToken, BubbleClient, BubbleSecret)).GetProperty("active").GetBoolean());
        }

        Assert.Equal(["cli", "cli"], await AuditActorsAsync(SessionAudit.UserSessionsEnded));
    }

    [Fact]
    public async Task End_by_email_with_client_ends_only_that_clients_chains()
    {
        Bubble.Simulator.For(true).AddUser(UserEmail, UserPassword, id: User.Id);
        var live = await ExchangeAsync(await LogInAsync(Bubble.Url));
        var versionTest = await ExchangeAsync(await LogInAsync(Bubble.VersionTestUrl), clientId: TestVersionClient, secret: BubbleSecret + 2);

        var result = await RunAsync($"sessions end --email {UserEmail} --client {TestVersionClient} --yes");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("Ended 1 session(s)", result.Out);
        OAuthAssert.Error(await Tokens.PostAsync(new Dictionary<string, string>
        {
            ["grant_type"] = "refresh_token",
            ["refresh_token"] = versionTest["refresh_token"]!,
        }, TestVersionClient, BubbleSecret + 2), 400, "invalid_grant");
        Assert.Equal(200, (await RefreshAsync(live["refresh_token"]!)).Status);
    }

    [Fact]
    public async Task End_without_yes_asks_first_and_a_refusal_ends_nothing()
    {
        var chain = await ExchangeAsync(await LogInAsync(Bubble.Url));

        var refused = await RunAsync($"sessions end --user {User.Id}", input: "n\n");

        Assert.Equal(1, refused.ExitCode);
        Assert.Contains("End 1 session(s) of user " + User.Id, refused.Out);
        Assert.Contains("confirmation refused", refused.Error);
        Assert.Single(refused.Error.Trim().Split('\n'));
        var refreshed = await RefreshAsync(chain["refresh_token"]!);
        Assert.Equal(200, refreshed.Status);

        var accepted = await RunAsync($"sessions end --user {User.Id}", input: "y\n");

        Assert.Equal(0, accepted.ExitCode);
        OAuthAssert.Error(await RefreshAsync(refreshed["refresh_token"]!), 400, "invalid_grant");
    }

    [Theory]
    [InlineData("sessions list", 1, "--user")]
    [InlineData("sessions end --yes", 1, "--email")]
    [InlineData("sessions list --user 1x1 --email a@b.c", 1, "either")]
    [InlineData("sessions end --user 1x1 --client nobody --yes", 1, "Unknown client")]
    [InlineData("sessions end --user", 2, "--user")]
    [InlineData("sessions", 2, "Required command")]
    public async Task Bad_input_exits_non_zero_with_one_line_on_stderr(string commandLine, int exitCode, string mentioned)
    {
        var result = await RunAsync(commandLine);

        Assert.Equal(exitCode, result.ExitCode);
        Assert.Contains(mentioned, result.Error);
        Assert.Single(result.Error.Trim().Split('\n'));
    }

    private async Task<List<string>> AuditActorsAsync(string action)
    {
        await using var scope = Server.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<AuthDbContext>().AuditEvents.AsNoTracking()
            .Where(e => e.Action == action).OrderBy(e => e.Id).Select(e => e.Actor).ToListAsync();
    }
}
