using System.Net;
using AuthServer.Storage.Admin;
using AuthServer.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using AuthServer.AdminConsole;

namespace AuthServer.Tests.AdminConsole;

/// <summary>
/// Each sign-in attempt costs a password hash, whatever the name: attempts are limited per source address and in
/// total (429 with Retry-After, no hash run), and only one hash runs at a time, so token requests keep their CPU.
/// </summary>
public sealed class AdminSignInThrottleTests : IAsyncLifetime
{
    private readonly TestDirectory _directory = new();
    private readonly GatedPasswordHasher _hasher = new();
    private AuthServerInstance? _server;

    [Fact]
    public async Task Attempts_with_made_up_names_beyond_the_per_address_limit_get_429_with_retry_after_and_run_no_hash()
    {
        var server = await StartAsync(new() { ["Admin:SignInAttemptsPerMinutePerAddress"] = "3" });
        using var console = new AdminHttpSession(server.Url);
        var token = await console.FormTokenAsync("/admin/SignIn");

        var statuses = new List<HttpStatusCode>();
        HttpResponseMessage? refused = null;
        for (var i = 0; i < 5; i++)
        {
            var response = await AttemptAsync(console, token, $"made-up-{i}");
            statuses.Add(response.StatusCode);
            refused = response;
        }

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests], statuses);
        Assert.True(int.Parse(refused!.Headers.GetValues("Retry-After").Single()) is > 0 and <= 60);
        Assert.Equal(3, _hasher.Verifications);
    }

    [Fact]
    public async Task Attempts_from_many_addresses_are_limited_in_total()
    {
        var server = await StartAsync(new()
        {
            ["Admin:SignInAttemptsPerMinutePerAddress"] = "100",
            ["Admin:SignInAttemptsPerMinute"] = "3",
            ["ForwardedHeaders:KnownProxies:0"] = "127.0.0.1",
        });
        using var console = new AdminHttpSession(server.Url);
        var token = await console.FormTokenAsync("/admin/SignIn");

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 5; i++)
        {
            console.Headers["X-Forwarded-For"] = $"203.0.113.{i + 1}";
            statuses.Add((await AttemptAsync(console, token, "made-up")).StatusCode);
        }

        Assert.Equal(3, statuses.Count(s => s == HttpStatusCode.OK));
        Assert.Equal(2, statuses.Count(s => s == HttpStatusCode.TooManyRequests));
        Assert.Equal(3, _hasher.Verifications);
    }

    [Theory]
    [InlineData("/admin/SignIn/")]
    [InlineData("/admin/signin/")]
    [InlineData("/admin/Sign%49n/")]
    public async Task Attempts_through_another_spelling_of_the_sign_in_path_count_toward_the_limit_and_run_no_hash(string path)
    {
        var server = await StartAsync(new() { ["Admin:SignInAttemptsPerMinutePerAddress"] = "3" });
        using var console = new AdminHttpSession(server.Url);
        var token = await console.FormTokenAsync("/admin/SignIn");
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await AttemptAsync(console, token, $"made-up-{i}")).StatusCode);
        }

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 5; i++)
        {
            statuses.Add((await AttemptAsync(console, token, $"other-{i}", path: path)).StatusCode);
        }

        Assert.All(statuses, status => Assert.Equal(HttpStatusCode.TooManyRequests, status));
        Assert.Equal(3, _hasher.Verifications);
    }

    [Fact]
    public async Task While_one_hash_runs_further_attempts_wait_or_get_429_and_tokens_are_still_issued() =>
        await OneHashAtATimeAsync("/admin/SignIn");

    [Fact]
    public async Task While_one_hash_runs_attempts_through_a_trailing_slash_wait_or_get_429_too() =>
        await OneHashAtATimeAsync("/admin/SignIn/");

    private async Task OneHashAtATimeAsync(string path)
    {
        var server = await StartAsync(new() { ["Admin:SignInAttemptsPerMinutePerAddress"] = "1000", ["Admin:SignInAttemptsPerMinute"] = "1000" });
        using var console = new AdminHttpSession(server.Url);
        var token = await console.FormTokenAsync("/admin/SignIn");
        _hasher.Hold("the held password, long enough");
        var held = AttemptAsync(console, token, "alice", "the held password, long enough", path);
        await _hasher.Entered.WaitAsync(TimeSpan.FromSeconds(30));

        var flood = Enumerable.Range(0, AdminSignInThrottle.QueuedAttempts + 6).Select(i => AttemptAsync(console, token, $"flood-{i}", path: path)).ToList();
        // One hash runs, QueuedAttempts wait for it, and the 6 beyond are answered at once.
        var refused = (await FirstFinishedAsync(flood, 6)).Select(t => t.Result).ToList();

        Assert.All(refused, r => Assert.Equal(HttpStatusCode.TooManyRequests, r.StatusCode));
        Assert.Equal(1, _hasher.Verifications);
        using var tokens = new TokenClient(server.Url);
        Assert.Equal(200, (await tokens.ClientCredentialsAsync()).Status);

        _hasher.Release();
        Assert.Equal(HttpStatusCode.OK, (await held).StatusCode);
        var all = await Task.WhenAll(flood);
        Assert.Equal(AdminSignInThrottle.QueuedAttempts, all.Count(r => r.StatusCode == HttpStatusCode.OK));
        Assert.Equal(1 + AdminSignInThrottle.QueuedAttempts, _hasher.Verifications);
    }

    [Fact]
    public async Task In_production_the_start_log_says_when_the_console_shares_the_public_addresses()
    {
        var logs = new LogCapture();
        _server = await AuthServerInstance.StartAsync(_directory.File("authserver.db"), logs, new Dictionary<string, string?>
        {
            ["Bubble:AllowPrivateAddresses"] = "true",
        }, configure: builder => builder.Environment.EnvironmentName = "Production");

        Assert.True(logs.HasEvent(5052));
    }

    [Fact]
    public async Task The_start_log_says_nothing_of_the_kind_when_the_console_has_an_address_of_its_own()
    {
        var logs = new LogCapture();
        _server = await AuthServerInstance.StartAsync(_directory.File("authserver.db"), logs, new Dictionary<string, string?>
        {
            ["Admin:Urls:0"] = $"http://127.0.0.1:{Ports.Free()}",
        }, configure: builder => builder.Environment.EnvironmentName = "Production");

        Assert.False(logs.HasEvent(5052));
    }

    private static async Task<IEnumerable<Task<HttpResponseMessage>>> FirstFinishedAsync(List<Task<HttpResponseMessage>> tasks, int count)
    {
        var pending = tasks.ToList();
        var finished = new List<Task<HttpResponseMessage>>();
        while (finished.Count < count)
        {
            var done = await Task.WhenAny(pending).WaitAsync(TimeSpan.FromSeconds(30));
            pending.Remove(done);
            finished.Add(done);
        }

        return finished;
    }

    private static Task<HttpResponseMessage> AttemptAsync(AdminHttpSession console, string token, string name, string password = "a wrong password, long enough",
        string path = "/admin/SignIn") =>
        console.PostFormAsync(path, token, new Dictionary<string, string> { ["Name"] = name, ["Password"] = password });

    private async Task<AuthServerInstance> StartAsync(Dictionary<string, string?> settings)
    {
        _server = await AuthServerInstance.StartAsync(_directory.File("authserver.db"), new LogCapture(), settings,
            configure: builder => builder.Services.Replace(ServiceDescriptor.Singleton<IPasswordHasher<AdminAccount>>(_hasher)));
        return _server;
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        _hasher.Release();
        if (_server is not null) await _server.DisposeAsync();
        _directory.Dispose();
    }
}
