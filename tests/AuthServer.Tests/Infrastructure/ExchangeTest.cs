using System.Net.Http.Json;
using System.Text.Json;
using BubbleSimulator;
using Microsoft.Extensions.DependencyInjection;
using AuthServer.Tests.Protocol.Token.Exchange;

namespace AuthServer.Tests.Infrastructure;

/// <summary>
/// A Bubble simulator (and a second one playing another Bubble app), AuthServer with clients bound
/// to them, and SampleApi; all real servers on loopback, with a fresh SQLite file per test.
/// </summary>
public abstract class ExchangeTest : ServerTest
{
    public const string BubbleClient = "bubble-app";
    public const string BubbleSecret = "bubble-app-secret-0123456789";
    public const string TestVersionClient = "bubble-app-test";
    public const string OtherAppClient = "other-bubble-app";
    public const string UnreachableClient = "unreachable-bubble-app";
    public const string UserEmail = "ada@example.com";
    public const string UserPassword = "ada-password";

    protected SimulatorInstance Bubble { get; private set; } = null!;
    protected SimulatorInstance OtherBubble { get; private set; } = null!;
    protected TestClock Clock { get; } = new();
    protected SimulatedUser User { get; private set; } = null!;
    protected int UnreachablePort { get; } = Ports.Free();

    protected virtual IDictionary<string, string?> ExtraSettings => new Dictionary<string, string?>();

    protected override IDictionary<string, string?> Settings
    {
        get
        {
            var settings = new Dictionary<string, string?>
            {
                // Generous: two test suites share this machine in CI, and a slow answer here must not read as an outage.
                ["Bubble:Timeout"] = "00:00:03",
                ["Bubble:BreakerMinimumThroughput"] = "4",
                ["Bubble:BreakDuration"] = "00:00:01",
                ["Bubble:BreakerSamplingDuration"] = "00:00:05",
                // The four clients below are bound to three Bubble apps and versions, all reaching sample-api: the
                // explicit opt-in that lets them share it. AppIsolationTests prove what holds without it.
                ["Bubble:SharedAudiences:0"] = "sample-api",
            };
            AddClient(settings, 1, BubbleClient, Bubble.Url, ["plan", "seats", "verified", "address"]);
            AddClient(settings, 2, TestVersionClient, Bubble.VersionTestUrl, []);
            AddClient(settings, 3, OtherAppClient, OtherBubble.Url, []);
            AddClient(settings, 4, UnreachableClient, $"http://127.0.0.1:{UnreachablePort}", []);
            foreach (var (key, value) in ExtraSettings) settings[key] = value;
            return settings;
        }
    }

    public override async Task InitializeAsync()
    {
        Bubble = await SimulatorInstance.StartAsync(Directory.Path);
        OtherBubble = await SimulatorInstance.StartAsync(Directory.Path);
        User = Bubble.Simulator.Live.AddUser(UserEmail, UserPassword, new Dictionary<string, object?>
        {
            ["plan"] = "pro",
            ["seats"] = 3,
            ["verified"] = true,
            ["address"] = new { city = "London" },
        });
        await base.InitializeAsync();
    }

    protected override void ConfigureServer(Microsoft.AspNetCore.Builder.WebApplicationBuilder builder) =>
        builder.Services.AddSingleton<TimeProvider>(Clock);

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await Bubble.DisposeAsync();
        await OtherBubble.DisposeAsync();
    }

    /// <summary>Logs in at the simulator the way a Bubble app's login workflow does, returning the Bubble token.</summary>
    protected static async Task<string> LogInAsync(string bubbleUrl, string email = UserEmail, string password = UserPassword)
    {
        using var http = new HttpClient();
        var response = await http.PostAsJsonAsync($"{bubbleUrl}/api/1.1/wf/login", new { email, password });
        response.EnsureSuccessStatusCode();
        var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        return json.GetProperty("response").GetProperty("token").GetString()!;
    }

    protected Task<TokenResponse> ExchangeAsync(string subjectToken, string? scope = "sample-api.read offline_access",
        string clientId = BubbleClient, string secret = BubbleSecret) =>
        Tokens.PostAsync(ExchangeForm(subjectToken, scope), clientId, secret);

    /// <summary>The token-exchange form a Bubble backend workflow posts, for whichever node a test sends it to.</summary>
    protected static Dictionary<string, string> ExchangeForm(string subjectToken, string? scope = "sample-api.read offline_access")
    {
        var form = new Dictionary<string, string>
        {
            ["grant_type"] = "urn:ietf:params:oauth:grant-type:token-exchange",
            ["subject_token"] = subjectToken,
            ["subject_token_type"] = "urn:bubble:token-type:user",
        };
        if (scope is not null) form["scope"] = scope;
        return form;
    }

    protected Task<TokenResponse> RefreshAsync(string refreshToken, string? scope = null) => RefreshAtAsync(Tokens, refreshToken, scope);

    /// <summary>A refresh by the Bubble client at the given node.</summary>
    protected static Task<TokenResponse> RefreshAtAsync(TokenClient node, string refreshToken, string? scope = null)
    {
        var form = new Dictionary<string, string> { ["grant_type"] = "refresh_token", ["refresh_token"] = refreshToken };
        if (scope is not null) form["scope"] = scope;
        return node.PostAsync(form, BubbleClient, BubbleSecret);
    }

    /// <summary>
    /// Another node on this test's store, behind the same issuer (as nodes behind one load balancer are), with this
    /// test's settings and clock; <paramref name="overrides"/> change settings for that node only.
    /// </summary>
    protected Task<AuthServerInstance> StartSecondNodeAsync(IDictionary<string, string?>? overrides = null)
    {
        var settings = new Dictionary<string, string?>(Settings) { ["Auth:Issuer"] = Server.Url };
        foreach (var (key, value) in overrides ?? new Dictionary<string, string?>()) settings[key] = value;
        return AuthServerInstance.StartAsync(DatabaseFile, Logs, settings, configure: ConfigureServer);
    }

    /// <summary>
    /// A public (secret-less) token_exchange and refresh_token client written straight to the store, as one
    /// created before configuration and the CLI required a secret would be.
    /// </summary>
    protected async Task StorePublicClientAsync(string clientId)
    {
        await using var scope = Server.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<OpenIddict.Abstractions.IOpenIddictApplicationManager>().CreateAsync(
            AuthServer.Clients.ClientDescriptorFactory.Create(new AuthServer.Options.ClientDefinition
            {
                ClientId = clientId,
                GrantTypes = ["token_exchange", "refresh_token"],
                Scopes = ["sample-api.read", "offline_access"],
                BubbleAppUrl = Bubble.Url,
            }));
    }

    protected int WhoAmICalls(SimulatorInstance? bubble = null) => (bubble ?? Bubble).Simulator.Requests.Count("/wf/whoami");

    private static void AddClient(Dictionary<string, string?> settings, int index, string clientId, string bubbleUrl, string[] claims)
    {
        settings[$"Clients:{index}:ClientId"] = clientId;
        settings[$"Clients:{index}:ClientSecret"] = clientId == BubbleClient ? BubbleSecret : BubbleSecret + index;
        settings[$"Clients:{index}:GrantTypes:0"] = "token_exchange";
        settings[$"Clients:{index}:GrantTypes:1"] = "refresh_token";
        settings[$"Clients:{index}:Scopes:0"] = "sample-api.read";
        settings[$"Clients:{index}:Scopes:1"] = "offline_access";
        settings[$"Clients:{index}:BubbleAppUrl"] = bubbleUrl;
        for (var i = 0; i < claims.Length; i++) settings[$"Clients:{index}:BubbleClaims:{i}"] = claims[i];
    }
}
