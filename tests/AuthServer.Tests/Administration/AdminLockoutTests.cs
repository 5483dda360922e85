using AuthServer.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using AuthServer.Administration.Admins;
using AuthServer.Administration.Audit;

namespace AuthServer.Tests.Administration;

/// <summary>
/// The sign-in check behind the console's page: wrong passwords lock an account, counted in the store so
/// that parallel guesses count each, and names that are no account are answered exactly alike.
/// </summary>
public sealed class AdminLockoutTests : ServerTest
{
    private const string Password = "correct horse battery staple";

    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Admin:LockoutThreshold"] = "3",
        ["Admin:LockoutDuration"] = "00:10:00",
    };

    private readonly GatedPasswordHasher _hasher = new();

    protected override void ConfigureServer(Microsoft.AspNetCore.Builder.WebApplicationBuilder builder) =>
        builder.Services.Replace(ServiceDescriptor.Singleton<Microsoft.AspNetCore.Identity.IPasswordHasher<AuthServer.Storage.Admin.AdminAccount>>(_hasher));

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        Assert.Equal(0, (await CliRunner.RunAsync(DatabaseFile, Server.Url, "admins add alice", Password + "\n")).ExitCode);
    }

    [Fact]
    public async Task Parallel_wrong_passwords_lock_the_account_once()
    {
        var outcomes = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => SignInAsync("alice", "wrong password, long enough")));

        Assert.Contains(outcomes, o => o is SignInOutcome.LockedOut);
        Assert.IsType<SignInOutcome.LockedOut>(await SignInAsync("alice", Password));
        Assert.Single(await RecentAsync(), e => e.Action == AuditActions.LockedOut);
        Assert.True(Logs.HasEvent(5002));
        Assert.DoesNotContain(AuditActions.LockedOut, Logs.AllText); // logged once, as 5002, not again as an audit line (5001)
    }

    [Fact]
    public async Task The_right_password_verified_while_parallel_guesses_lock_the_account_neither_signs_in_nor_restarts_the_count()
    {
        _hasher.Hold(Password);
        var right = Task.Run(() => SignInAsync("alice", Password));
        await _hasher.Entered.WaitAsync(TimeSpan.FromSeconds(30));

        // While the right password is being verified (the account was read unlocked), three guesses lock it.
        await SignInAsync("alice", "wrong password one");
        await SignInAsync("alice", "wrong password two");
        Assert.IsType<SignInOutcome.LockedOut>(await SignInAsync("alice", "wrong password three"));
        _hasher.Release();

        Assert.IsType<SignInOutcome.LockedOut>(await right);
        await using var scope = Server.Services.CreateAsyncScope();
        var alice = Assert.Single(await scope.ServiceProvider.GetRequiredService<AdminAccounts>().ListAsync());
        Assert.NotNull(alice.LockedUntilUtc);
        Assert.DoesNotContain(await RecentAsync(), e => e.Action == AuditActions.SignedIn);
        Assert.True(Logs.HasEvent(5050));
    }

    [Fact]
    public async Task Forty_parallel_guesses_with_the_right_password_among_them_never_sign_in_once_the_account_is_locked()
    {
        // The right password is the 26th of 40: by then the threshold of 3 has been reached many times over.
        var guesses = Enumerable.Range(0, 40).Select(i => i == 25 ? Password : $"wrong password number {i}").ToList();
        var outcomes = await Task.WhenAll(guesses.Select(guess => Task.Run(() => SignInAsync("alice", guess))));

        // A success may only come before the lock; one after it would clear the lock, and the guesses after it
        // would lock the account a second time.
        Assert.Single(await RecentAsync(), e => e.Action == AuditActions.LockedOut);
        Assert.IsType<SignInOutcome.LockedOut>(await SignInAsync("alice", Password));
        Assert.Contains(outcomes, o => o is SignInOutcome.LockedOut);
    }

    [Fact]
    public async Task A_success_before_the_threshold_starts_the_count_again()
    {
        await SignInAsync("alice", "wrong password one");
        await SignInAsync("alice", "wrong password two");
        Assert.IsType<SignInOutcome.Succeeded>(await SignInAsync("alice", Password));

        await SignInAsync("alice", "wrong password three");
        await SignInAsync("alice", "wrong password four");

        Assert.IsType<SignInOutcome.Succeeded>(await SignInAsync("alice", Password));
    }

    [Fact]
    public async Task An_unknown_name_is_answered_like_an_account_wrong_then_locked_and_leaves_no_audit_row()
    {
        var known = new List<SignInOutcome>();
        var unknown = new List<SignInOutcome>();
        for (var i = 0; i < 4; i++)
        {
            known.Add(await SignInAsync("alice", "wrong password, long enough"));
            unknown.Add(await SignInAsync("mallory", "wrong password, long enough"));
        }

        Assert.Equal(known.Select(o => o.GetType()), unknown.Select(o => o.GetType()));
        Assert.IsType<SignInOutcome.LockedOut>(unknown[^1]);
        Assert.DoesNotContain(await RecentAsync(), e => e.Actor.Contains("mallory") || (e.Detail ?? "").Contains("mallory"));
        Assert.True(Logs.HasEvent(5003));
        Assert.DoesNotContain("mallory", Logs.AllText);
    }

    private async Task<SignInOutcome> SignInAsync(string name, string password)
    {
        await using var scope = Server.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<AdminSignIn>().SignInAsync(name, password);
    }

    private async Task<IReadOnlyList<AuditEntry>> RecentAsync()
    {
        await using var scope = Server.Services.CreateAsyncScope();
        return (await scope.ServiceProvider.GetRequiredService<AdminAudit>().RecentAsync(1, 100)).Events;
    }
}
