using AuthServer.Tests.Infrastructure;

namespace AuthServer.Tests.Administration;

/// <summary>
/// The README's "Walk-through against the Bubble simulator", run as written with bash and curl against the simulator,
/// AuthServer and SampleApi on loopback (their addresses put in place of the README's localhost ports).
/// </summary>
public sealed class ReadmeWalkthroughTests : ExchangeTest
{
    protected override IDictionary<string, string?> ExtraSettings => new Dictionary<string, string?>
    {
        // The demo client of appsettings.Development.json, bound to this test's simulator.
        ["Clients:5:ClientId"] = "demo-bubble-app",
        ["Clients:5:ClientSecret"] = "demo-bubble-secret-DEMO-ONLY",
        ["Clients:5:GrantTypes:0"] = "token_exchange",
        ["Clients:5:GrantTypes:1"] = "refresh_token",
        ["Clients:5:Scopes:0"] = "sample-api.read",
        ["Clients:5:Scopes:1"] = "offline_access",
        ["Clients:5:BubbleAppUrl"] = Bubble.Url,
    };

    [Fact]
    public async Task The_walkthrough_logs_in_exchanges_calls_the_api_refreshes_and_logs_out_as_the_readme_says()
    {
        var alice = Bubble.Simulator.Live.AddUser("alice@example.com", "alice-password",
            new Dictionary<string, object?> { ["plan"] = "pro" });
        var script = Walkthrough()
            .Replace("http://localhost:5002", Bubble.Url, StringComparison.Ordinal)
            .Replace("http://localhost:5000", Server.Url, StringComparison.Ordinal)
            .Replace("http://localhost:5001", Api.Url, StringComparison.Ordinal)
            + "\necho \"KEPT=$REFRESH\"\n";

        var (exitCode, output) = await ExternalProcess.RunAsync("bash", ["-euo", "pipefail", "-c", script], timeout: TimeSpan.FromMinutes(1));

        Assert.True(exitCode == 0, output);
        Assert.Contains($"\"sub\":\"{alice.Id}\"", output);
        Assert.Contains("\"client_id\":\"demo-bubble-app\"", output);
        Assert.Matches(@"KEPT=[A-Za-z0-9_\-\.]{20,}\s*$", output); // step 4 kept the rotated refresh token, not an answer
        Assert.Contains("\"error\":\"invalid_grant\"", output.Replace(" ", ""));  // step 5: revoked, then refused
    }

    /// <summary>The shell lines of the walk-through: its indented block after "Then:".</summary>
    private static string Walkthrough()
    {
        var readme = File.ReadAllText(Path.Combine(RepositoryRoot.Path, "README.md"));
        var section = readme[readme.IndexOf("### Walk-through against the Bubble simulator\n", StringComparison.Ordinal)..];
        var lines = section[(section.IndexOf("\nThen:\n", StringComparison.Ordinal) + "\nThen:\n".Length)..].Split('\n')
            .SkipWhile(l => l.Length == 0)
            .TakeWhile(l => l.Length == 0 || l.StartsWith("    ", StringComparison.Ordinal))
            .Select(l => l.Length == 0 ? l : l[4..]);
        return string.Join('\n', lines);
    }
}
