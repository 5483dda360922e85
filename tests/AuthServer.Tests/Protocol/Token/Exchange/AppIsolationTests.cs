using System.Net.Http.Json;
using System.Text.Json;
using AuthServer.Tests.Infrastructure;
using BubbleSimulator;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using OpenIddict.Abstractions;
using AuthServer.Administration.Clients;
using AuthServer.Tests.Options;

namespace AuthServer.Tests.Protocol.Token.Exchange;

/// <summary>
/// One Bubble app must not mint another app's users (issue 19, item 1), without Bubble:SharedAudiences: each
/// binding (app A live, A's version-test, app B) reaches its own audience, only A live reaches sample-api (the API
/// SampleApi plays), user ids must have Bubble's shape and client ids must not.
/// </summary>
public sealed class AppIsolationTests : ServerTest
{
    private const string AppA = "app-a";
    private const string AppATest = "app-a-test";
    private const string AppB = "app-b";
    private const string Secret = "isolation-secret-0123456789";
    private const string Password = "pw-0123456789";

    private SimulatorInstance _a = null!;
    private SimulatorInstance _b = null!;
    private SimulatedUser _ada = null!;

    protected override IDictionary<string, string?> Settings
    {
        get
        {
            var settings = new Dictionary<string, string?>
            {
                ["Scopes:2:Name"] = "other-api.read",
                ["Scopes:2:Resources:0"] = "other-api",
                ["Scopes:3:Name"] = "test-api.read",
                ["Scopes:3:Resources:0"] = "test-api",
                ["Scopes:4:Name"] = "slashed-api.read", // sample-api as JwtBearer reads it (a trailing slash is ignored)
                ["Scopes:4:Resources:0"] = "sample-api/",
            };
            AddClient(settings, 1, AppA, _a.Url, "sample-api.read");
            AddClient(settings, 2, AppATest, _a.VersionTestUrl, "test-api.read");
            AddClient(settings, 3, AppB, _b.Url, "other-api.read");
            return settings;
        }
    }

    public override async Task InitializeAsync()
    {
        _a = await SimulatorInstance.StartAsync(Directory.Path);
        _b = await SimulatorInstance.StartAsync(Directory.Path);
        _ada = _a.Simulator.Live.AddUser("ada@example.com", Password);
        await base.InitializeAsync();
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await _a.DisposeAsync();
        await _b.DisposeAsync();
    }

    [Fact]
    public async Task Another_apps_whoami_naming_a_user_of_the_first_app_never_yields_a_token_the_first_apps_api_accepts()
    {
        _b.Simulator.Live.AddUser("mallory@example.com", Password, id: _ada.Id);
        var forged = await ExchangeAsync(AppB, await LogInAsync(_b.Url, "mallory@example.com"));
        var narrowed = await ExchangeAsync(AppB, await LogInAsync(_b.Url, "mallory@example.com"), ("audience", "sample-api"));
        var genuine = await ExchangeAsync(AppA, await LogInAsync(_a.Url, "ada@example.com"));

        Assert.Equal(200, forged.Status);
        Assert.Equal(["other-api"], new JsonWebToken(forged.AccessToken).Audiences);
        Assert.Equal(401, (int)(await CallApiAsync("/me", forged.AccessToken)).StatusCode);
        OAuthAssert.Error(narrowed, 400, "invalid_target");
        Assert.Equal(200, (int)(await CallApiAsync("/me", genuine.AccessToken)).StatusCode);
    }

    [Fact]
    public async Task Version_test_answering_a_live_user_id_never_yields_a_token_the_live_api_accepts()
    {
        _a.Simulator.VersionTest.AddUser("collaborator@example.com", Password, id: _ada.Id);

        var forged = await ExchangeAsync(AppATest, await LogInAsync(_a.VersionTestUrl, "collaborator@example.com"));

        Assert.Equal(200, forged.Status);
        Assert.Equal(["test-api"], new JsonWebToken(forged.AccessToken).Audiences);
        Assert.Equal(401, (int)(await CallApiAsync("/me", forged.AccessToken)).StatusCode);
    }

    [Fact]
    public async Task A_client_of_another_app_put_in_the_store_behind_the_rules_back_makes_the_shared_audience_a_logged_server_error()
    {
        var chain = await ExchangeAsync(AppA, await LogInAsync(_a.Url, "ada@example.com"), scope: "sample-api.read offline_access");
        Assert.Equal(200, chain.Status);
        _b.Simulator.Live.AddUser("mallory@example.com", Password, id: _ada.Id);
        await StoredClients.CreateAsync(Server.Services, new AuthServer.Options.ClientDefinition
        {
            ClientId = "sneaky",
            ClientSecret = Secret,
            GrantTypes = ["token_exchange"],
            Scopes = ["sample-api.read"],
            BubbleAppUrl = _b.Url,
        });

        await Task.Delay(TimeSpan.FromSeconds(1.2)); // the bound on how late a store change takes effect, 1 s, and a margin

        var forged = await ExchangeAsync("sneaky", await LogInAsync(_b.Url, "mallory@example.com"));
        var genuine = await ExchangeAsync(AppA, await LogInAsync(_a.Url, "ada@example.com"));
        var refreshed = await Tokens.PostAsync(new() { ["grant_type"] = "refresh_token", ["refresh_token"] = chain["refresh_token"]! }, AppA, Secret);

        OAuthAssert.Error(forged, 500, "server_error");
        OAuthAssert.Error(genuine, 500, "server_error");
        OAuthAssert.Error(refreshed, 500, "server_error");
        Assert.True(Logs.HasEvent(1051), "the shared audience (1051) was not logged: " + Logs.AllText);
        Assert.Equal(0, _b.Simulator.Requests.Count("/wf/whoami")); // refused before Bubble is asked
    }

    [Fact]
    public async Task A_client_of_another_app_reaching_the_first_apps_audience_with_a_trailing_slash_makes_it_a_logged_server_error()
    {
        _b.Simulator.Live.AddUser("mallory@example.com", Password, id: _ada.Id);
        await StoredClients.CreateAsync(Server.Services, new AuthServer.Options.ClientDefinition
        {
            ClientId = "slashed",
            ClientSecret = Secret,
            GrantTypes = ["token_exchange"],
            Scopes = ["slashed-api.read"],
            BubbleAppUrl = _b.Url,
        });

        await Task.Delay(TimeSpan.FromSeconds(1.2)); // the bound on how late a store change takes effect, 1 s, and a margin

        var forged = await ExchangeAsync("slashed", await LogInAsync(_b.Url, "mallory@example.com"));

        OAuthAssert.Error(forged, 500, "server_error");
        Assert.True(Logs.HasEvent(1051), "the shared audience (1051) was not logged: " + Logs.AllText);
    }

    [Theory]
    [InlineData("https://api.example.com", "https://api.example.com/")]
    [InlineData("https://api.example.com/", "https://api.example.com")]
    [InlineData("sample-api", "sample-api/")]
    public Task Two_bubble_bindings_reaching_audiences_that_differ_only_by_a_trailing_slash_stop_the_start(string first, string second) =>
        ConfigurationValidationTests.AssertStartFailsNamingAsync("Clients:1:Scopes:0", new Dictionary<string, string?>
        {
            ["Scopes:1:Name"] = "first.read",
            ["Scopes:1:Resources:0"] = first,
            ["Scopes:2:Name"] = "second.read",
            ["Scopes:2:Resources:0"] = second,
            ["Clients:1:ClientId"] = "first",
            ["Clients:1:ClientSecret"] = Secret,
            ["Clients:1:GrantTypes:0"] = "token_exchange",
            ["Clients:1:Scopes:0"] = "first.read",
            ["Clients:1:BubbleAppUrl"] = "https://a.bubbleapps.io",
            ["Clients:2:ClientId"] = "second",
            ["Clients:2:ClientSecret"] = Secret,
            ["Clients:2:GrantTypes:0"] = "token_exchange",
            ["Clients:2:Scopes:0"] = "second.read",
            ["Clients:2:BubbleAppUrl"] = "https://b.bubbleapps.io",
        });

    [Theory]
    [InlineData(TestClients.Script)] // the sub of the client_credentials client
    [InlineData("ada@example.com")]
    [InlineData("1234567890123x")]
    public async Task A_user_id_not_of_bubbles_shape_is_a_logged_server_error(string userId)
    {
        _b.Simulator.Live.AddUser("odd@example.com", Password, id: userId);

        OAuthAssert.Error(await ExchangeAsync(AppB, await LogInAsync(_b.Url, "odd@example.com")), 500, "server_error");
        Assert.True(Logs.HasEvent(3050), "the user id of another shape (3050) was not logged: " + Logs.AllText);
    }

    [Fact]
    public async Task A_stored_client_credentials_client_named_like_a_bubble_user_is_a_logged_server_error_never_a_users_sub()
    {
        await StoredClients.CreateAsync(Server.Services, new AuthServer.Options.ClientDefinition
        {
            ClientId = _ada.Id,
            ClientSecret = Secret,
            GrantTypes = ["client_credentials"],
            Scopes = ["sample-api.read"],
        });

        OAuthAssert.Error(await Tokens.ClientCredentialsAsync(_ada.Id, Secret), 500, "server_error");
        Assert.True(Logs.HasEvent(1053), "the client id of Bubble's shape (1053) was not logged: " + Logs.AllText);
    }

    [Fact]
    public async Task The_cli_refuses_a_second_app_on_the_first_apps_audience_and_a_client_id_of_bubbles_shape()
    {
        var overlapping = await CliRunner.RunAsync(DatabaseFile, Server.Url,
            $"clients add --client-id app-c --grant token_exchange --scope sample-api.read --bubble-app-url {_b.Url}");
        var bubbleShaped = await CliRunner.RunAsync(DatabaseFile, Server.Url,
            "clients add --client-id 1234567890123x123456789012345678 --grant client_credentials --scope sample-api.read");

        Assert.Equal(1, overlapping.ExitCode);
        Assert.Contains("--scope 'sample-api.read' reaches audience 'sample-api'", overlapping.Error);
        Assert.Equal(1, bubbleShaped.ExitCode);
        Assert.Contains("--client-id '1234567890123x123456789012345678' has the shape of a Bubble user id", bubbleShaped.Error);
    }

    [Fact]
    public async Task The_console_refuses_a_second_app_on_the_first_apps_audience_and_a_client_id_of_bubbles_shape()
    {
        await using var scope = Server.Services.CreateAsyncScope();
        var clients = scope.ServiceProvider.GetRequiredService<ClientAdministration>();

        var overlapping = await clients.CreateAsync("app-c", new(["token_exchange"], ["sample-api.read"], _a.VersionTestUrl, []), null, "admin:alice");
        var otherAppsAudience = await clients.CreateAsync("app-d", new(["token_exchange"], ["other-api.read"], _a.Url, []), null, "admin:alice");
        var bubbleShaped = await clients.CreateAsync("1x2", new(["client_credentials"], ["sample-api.read"], null, []), null, "admin:alice");

        Assert.Contains("reaches audience 'sample-api'", Assert.IsType<ClientInvalid>(overlapping).Problems[0]);
        Assert.Contains("reaches audience 'other-api'", Assert.IsType<ClientInvalid>(otherAppsAudience).Problems[0]);
        Assert.Contains("shape of a Bubble user id", Assert.IsType<ClientInvalid>(bubbleShaped).Problems[0]);
    }

    [Theory]
    [InlineData("https://a.bubbleapps.io", "https://b.bubbleapps.io")]
    [InlineData("https://a.bubbleapps.io", "https://a.bubbleapps.io/version-test")]
    [InlineData("https://a.bubbleapps.io", "https://app.example.com")]
    public Task Two_bubble_bindings_reaching_one_audience_stop_the_start_naming_the_key(string first, string second) =>
        ConfigurationValidationTests.AssertStartFailsNamingAsync("Clients:1:Scopes:0", new Dictionary<string, string?>
        {
            ["Scopes:1:Name"] = "sample-api.read",
            ["Scopes:1:Resources:0"] = "sample-api",
            ["Clients:1:ClientId"] = "first",
            ["Clients:1:ClientSecret"] = Secret,
            ["Clients:1:GrantTypes:0"] = "token_exchange",
            ["Clients:1:Scopes:0"] = "sample-api.read",
            ["Clients:1:BubbleAppUrl"] = first,
            ["Clients:2:ClientId"] = "second",
            ["Clients:2:ClientSecret"] = Secret,
            ["Clients:2:GrantTypes:0"] = "token_exchange",
            ["Clients:2:Scopes:0"] = "sample-api.read",
            ["Clients:2:BubbleAppUrl"] = second,
        });

    [Theory]
    [InlineData("Clients:0:ClientId", "1234567890123x123456789012345678", "Clients:0:ClientId")]
    [InlineData("Bubble:SharedAudiences:0", " ", "Bubble:SharedAudiences:0")]
    public Task A_client_id_of_bubbles_shape_or_a_blank_shared_audience_stops_the_start_naming_the_key(string key, string value, string named) =>
        ConfigurationValidationTests.AssertStartFailsNamingAsync(named, new Dictionary<string, string?> { [key] = value });

    private static void AddClient(Dictionary<string, string?> settings, int index, string clientId, string bubbleUrl, string scope)
    {
        settings[$"Clients:{index}:ClientId"] = clientId;
        settings[$"Clients:{index}:ClientSecret"] = Secret;
        settings[$"Clients:{index}:GrantTypes:0"] = "token_exchange";
        settings[$"Clients:{index}:GrantTypes:1"] = "refresh_token";
        settings[$"Clients:{index}:Scopes:0"] = scope;
        settings[$"Clients:{index}:Scopes:1"] = "offline_access";
        settings[$"Clients:{index}:BubbleAppUrl"] = bubbleUrl;
    }

    private static async Task<string> LogInAsync(string bubbleUrl, string email)
    {
        using var http = new HttpClient();
        var response = await http.PostAsJsonAsync($"{bubbleUrl}/api/1.1/wf/login", new { email, password = Password });
        response.EnsureSuccessStatusCode();
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("response").GetProperty("token").GetString()!;
    }

    private Task<TokenResponse> ExchangeAsync(string clientId, string subjectToken, params (string Name, string Value)[] targets) =>
        ExchangeAsync(clientId, subjectToken, null, targets);

    private Task<TokenResponse> ExchangeAsync(string clientId, string subjectToken, string? scope, params (string Name, string Value)[] targets)
    {
        var form = new Dictionary<string, string>
        {
            ["grant_type"] = "urn:ietf:params:oauth:grant-type:token-exchange",
            ["subject_token"] = subjectToken,
            ["subject_token_type"] = "urn:bubble:token-type:user",
        };
        if (scope is not null) form["scope"] = scope;
        foreach (var (name, value) in targets) form[name] = value;
        return Tokens.PostAsync(form, clientId, Secret);
    }
}
