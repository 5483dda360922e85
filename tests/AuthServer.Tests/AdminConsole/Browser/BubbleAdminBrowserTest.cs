using System.Net.Http.Json;
using System.Text.Json;
using AuthServer.Tests.Infrastructure;

namespace AuthServer.Tests.AdminConsole.Browser;

/// <summary>
/// <see cref="AdminBrowserTest"/> with a Bubble simulator (a user with a <c>plan</c>), the scope
/// <c>sample-api.read</c> and a configured client <see cref="ConfiguredClient"/> bound to the simulator.
/// </summary>
public abstract class BubbleAdminBrowserTest(BrowserFixture browser) : AdminBrowserTest(browser)
{
    public const string ConfiguredClient = "bubble-app";
    public const string UserEmail = "ada@example.com";
    public const string UserPassword = "ada-password";

    protected SimulatorInstance Bubble { get; private set; } = null!;

    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Scopes:0:Name"] = "sample-api.read",
        ["Scopes:0:Resources:0"] = "sample-api",
        ["Clients:0:ClientId"] = ConfiguredClient,
        ["Clients:0:ClientSecret"] = "bubble-app-secret-0123456789",
        ["Clients:0:GrantTypes:0"] = "token_exchange",
        ["Clients:0:Scopes:0"] = "sample-api.read",
        ["Clients:0:BubbleAppUrl"] = Bubble.Url,
        ["Clients:0:BubbleClaims:0"] = "plan",
        // The wizard's tests connect the simulator's version-test too, to the same API: the explicit opt-in.
        ["Bubble:SharedAudiences:0"] = "sample-api",
    };

    public override async Task InitializeAsync()
    {
        Bubble = await SimulatorInstance.StartAsync(Directory.Path);
        Bubble.Simulator.Live.AddUser(UserEmail, UserPassword, new Dictionary<string, object?> { ["plan"] = "pro" });
        await base.InitializeAsync();
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await Bubble.DisposeAsync();
    }

    /// <summary>A user token, from the simulator's <c>login</c> API workflow as a Bubble app's login call gets it.</summary>
    protected async Task<string> LogInAtBubbleAsync()
    {
        using var http = new HttpClient();
        var response = await http.PostAsJsonAsync($"{Bubble.Url}/api/1.1/wf/login", new { email = UserEmail, password = UserPassword });
        response.EnsureSuccessStatusCode();
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement
            .GetProperty("response").GetProperty("token").GetString()!;
    }
}
