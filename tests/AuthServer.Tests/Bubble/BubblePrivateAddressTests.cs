using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AuthServer.Bubble;
using AuthServer.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using AuthServer.Administration.Bubble;
using AuthServer.Tests.Options;

namespace AuthServer.Tests.Bubble;

/// <summary>
/// With <c>Bubble:AllowPrivateAddresses=false</c> (the default outside Development) a Bubble app must be https on a
/// public host name: loopback, private, link-local and metadata addresses are refused in configuration, the CLI and
/// the console, and every call checks the address it connects to, so a URL that is (or became) private is never called.
/// </summary>
public sealed class BubblePrivateAddressTests : IAsyncLifetime
{
    private const string Secret = "rebound-secret-0123456789";
    private readonly TestDirectory _directory = new();
    private readonly LogCapture _logs = new();
    private SimulatorInstance _bubble = null!;
    private AuthServerInstance _server = null!;

    private string DatabaseFile => _directory.File("authserver.db");

    [Theory]
    [InlineData("http://127.0.0.1:5002")]
    [InlineData("https://127.0.0.1:5002")]
    [InlineData("https://localhost")]
    [InlineData("https://169.254.169.254")]
    [InlineData("https://10.0.0.5")]
    [InlineData("https://172.16.0.1")]
    [InlineData("https://192.168.1.1/version-test")]
    [InlineData("https://100.64.0.1")]
    [InlineData("https://[::1]")]
    [InlineData("https://[fd00:ec2::254]")]
    [InlineData("https://[fe80::1]")]
    [InlineData("https://[::ffff:10.0.0.5]")]
    [InlineData("https://[2002:7f00:1::1]")]
    [InlineData("https://[::ffff:0:a00:5]")]
    [InlineData("https://[64:ff9b:1::a00:5]")]
    [InlineData("https://[2001:0:4136:e378:8000:63bf:3fff:fdd2]")]
    [InlineData("https://intranet")]
    [InlineData("https://bubble.internal")]
    [InlineData("http://myapp.bubbleapps.io")]
    public void A_bubble_app_url_that_is_not_https_on_a_public_host_is_refused(string url)
    {
        Assert.False(BubbleAppUrlCheck.Check(url, allowPrivateAddresses: false).IsAcceptable);
        Assert.NotNull(BubbleAddresses.CheckShape(new Uri(url), allowPrivateAddresses: false));
    }

    [Theory]
    [InlineData("https://myapp.bubbleapps.io")]
    [InlineData("https://app.example.com/version-test")]
    [InlineData("https://8.8.8.8")]
    public void A_bubble_app_url_that_is_https_on_a_public_host_is_accepted(string url) =>
        Assert.True(BubbleAppUrlCheck.Check(url, allowPrivateAddresses: false).IsAcceptable);

    [Theory]
    [InlineData("127.0.0.1", false)]
    [InlineData("169.254.169.254", false)]
    [InlineData("10.1.2.3", false)]
    [InlineData("0.0.0.0", false)]
    [InlineData("::", false)]
    [InlineData("64:ff9b::a00:5", false)]
    [InlineData("2002:7f00:1::1", false)]          // 6to4 around 127.0.0.1
    [InlineData("2002:a00:5::1", false)]           // 6to4 around 10.0.0.5
    [InlineData("2002:a9fe:a9fe::1", false)]       // 6to4 around 169.254.169.254
    [InlineData("::ffff:0:7f00:1", false)]         // IPv4-translated 127.0.0.1
    [InlineData("::ffff:0:a00:5", false)]          // IPv4-translated 10.0.0.5
    [InlineData("64:ff9b:1::a00:5", false)]        // local-use NAT64 (RFC 8215), refused whatever it embeds
    [InlineData("64:ff9b:1:a00:0:500:808:808", false)] // 10.0.0.5 where RFC 6052 puts it for a /48, 8.8.8.8 at the end
    [InlineData("64:ff9b::7f00:1", false)]         // well-known NAT64 of 127.0.0.1
    [InlineData("::7f00:1", false)]                // IPv4-compatible 127.0.0.1
    [InlineData("::a00:5", false)]                 // IPv4-compatible 10.0.0.5
    [InlineData("2001:0:4136:e378:8000:63bf:3fff:fdd2", false)] // Teredo, refused outright
    [InlineData("2002:5db8:d822::1", true)]        // 6to4 around 93.184.216.34
    [InlineData("64:ff9b::5db8:d822", true)]       // well-known NAT64 of 93.184.216.34
    [InlineData("2001:4860:4860::8888", true)]     // 2001::/16 outside Teredo's /32
    [InlineData("93.184.216.34", true)]
    [InlineData("2606:4700::6810:85e5", true)]
    public void Resolved_addresses_are_public_only_outside_the_private_ranges(string address, bool isPublic) =>
        Assert.Equal(isPublic, BubbleAddresses.IsPublic(IPAddress.Parse(address)));

    [Fact]
    public Task A_configured_client_on_a_private_address_stops_the_start_outside_development() =>
        ConfigurationValidationTests.AssertStartFailsNamingAsync("Clients:0:BubbleAppUrl", new Dictionary<string, string?>
        {
            ["Clients:0:GrantTypes:0"] = "token_exchange",
            ["Clients:0:BubbleAppUrl"] = "https://169.254.169.254",
        });

    [Fact]
    public async Task The_cli_refuses_a_client_on_a_private_address()
    {
        var result = await CliRunner.RunAsync(DatabaseFile, _server.Url,
            $"clients add --client-id probe --grant token_exchange --scope sample-api.read --secret {Secret} --bubble-app-url https://10.0.0.5",
            settings: new Dictionary<string, string?> { ["Bubble:AllowPrivateAddresses"] = "false" });

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("public internet", result.Error);
    }

    [Fact]
    public async Task The_console_refuses_a_client_on_a_private_address()
    {
        Assert.Equal(0, (await CliRunner.RunAsync(DatabaseFile, _server.Url, $"admins add {AdminHttpSession.AdminName}",
            AdminHttpSession.AdminPassword + "\n")).ExitCode);
        using var console = new AdminHttpSession(_server.Url);
        await console.SignInAsync();
        var token = await console.FormTokenAsync("/admin/Clients/Create");

        using var response = await console.PostFormAsync("/admin/Clients/Create", token, new Dictionary<string, string>
        {
            ["ClientId"] = "probe",
            ["Form.Grants"] = "token_exchange",
            ["Form.Scopes"] = "sample-api.read",
            ["Form.BubbleAppUrl"] = "https://169.254.169.254",
        });
        using var wizard = await console.GetAsync("/admin/Connect?AppUrl=" + Uri.EscapeDataString(_bubble.Url));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("public internet", WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()));
        Assert.Contains("public internet", WebUtility.HtmlDecode(await wizard.Content.ReadAsStringAsync()));
        Assert.DoesNotContain("probe", (await CliRunner.RunAsync(DatabaseFile, _server.Url, "clients list")).Out);
    }

    [Fact]
    public async Task A_stored_client_whose_app_resolves_to_a_private_address_is_never_called_by_the_token_exchange_or_test_whoami()
    {
        // Stored by a CLI that allowed it (as a DNS name that resolved to a public address once would be).
        var added = await CliRunner.RunAsync(DatabaseFile, _server.Url,
            $"clients add --client-id rebound --grant token_exchange --scope sample-api.read --secret {Secret} --bubble-app-url {_bubble.Url}");
        Assert.Equal(0, added.ExitCode);
        _bubble.Simulator.Live.AddUser("ada@example.com", "ada-password", new Dictionary<string, object?>());
        var subjectToken = await LogInAsync();
        var before = _bubble.Simulator.Requests.All.Count;

        using var tokens = new TokenClient(_server.Url);
        var exchange = await tokens.PostAsync(new Dictionary<string, string>
        {
            ["grant_type"] = "urn:ietf:params:oauth:grant-type:token-exchange",
            ["subject_token"] = subjectToken,
            ["subject_token_type"] = "urn:bubble:token-type:user",
        }, "rebound", Secret);
        await using var scope = _server.Services.CreateAsyncScope();
        var probe = await scope.ServiceProvider.GetRequiredService<WhoamiProbe>().TestAsync("rebound", subjectToken, CancellationToken.None);

        OAuthAssert.Error(exchange, 500, "server_error");
        Assert.Equal(WhoamiOutcome.Misconfigured, probe.Outcome);
        Assert.Contains("Bubble:AllowPrivateAddresses", probe.Explanation);
        Assert.Equal(before, _bubble.Simulator.Requests.All.Count);
        Assert.True(_logs.HasEvent(3070));
    }

    [Fact]
    public async Task A_refused_private_address_is_logged_once_as_3070_not_as_a_missing_workflow_and_without_a_stack_trace()
    {
        var added = await CliRunner.RunAsync(DatabaseFile, _server.Url,
            $"clients add --client-id rebound --grant token_exchange --scope sample-api.read --secret {Secret} --bubble-app-url {_bubble.Url}");
        Assert.Equal(0, added.ExitCode);
        _bubble.Simulator.Live.AddUser("ada@example.com", "ada-password", new Dictionary<string, object?>());
        var subjectToken = await LogInAsync();

        using var tokens = new TokenClient(_server.Url);
        var exchange = await tokens.PostAsync(new Dictionary<string, string>
        {
            ["grant_type"] = "urn:ietf:params:oauth:grant-type:token-exchange",
            ["subject_token"] = subjectToken,
            ["subject_token_type"] = "urn:bubble:token-type:user",
        }, "rebound", Secret);

        OAuthAssert.Error(exchange, 500, "server_error");
        Assert.True(_logs.HasEvent(3070), "the private address (3070) was not logged: " + _logs.AllText);
        Assert.False(_logs.HasEvent(3003), "a misleading missing-workflow line (3003) was logged: " + _logs.AllText);
        Assert.DoesNotContain(_logs.Events, e => e.Exception is PrivateAddressRefusedException
            || e.Exception?.InnerException is PrivateAddressRefusedException);
        Assert.DoesNotContain(_logs.Events, e => e.Properties.TryGetValue("SourceContext", out var source)
            && source.ToString().Contains("Polly", StringComparison.Ordinal));
    }

    private async Task<string> LogInAsync()
    {
        using var http = new HttpClient();
        var response = await http.PostAsJsonAsync($"{_bubble.Url}/api/1.1/wf/login", new { email = "ada@example.com", password = "ada-password" });
        response.EnsureSuccessStatusCode();
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("response").GetProperty("token").GetString()!;
    }

    public async Task InitializeAsync()
    {
        _bubble = await SimulatorInstance.StartAsync(_directory.Path);
        _server = await AuthServerInstance.StartAsync(DatabaseFile, _logs, new Dictionary<string, string?> { ["Bubble:AllowPrivateAddresses"] = "false" });
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        await _bubble.DisposeAsync();
        _directory.Dispose();
    }
}
