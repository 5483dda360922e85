namespace AuthServer.Benchmarks.Processes;

/// <summary>The clients, scope and Bubble user the harness configures; throwaway values for a throwaway store.</summary>
public static class BenchClients
{
    public const string Script = "bench-script";
    public const string ScriptSecret = "bench-script-secret-0123456789";
    public const string BubbleApp = "bench-bubble-app";

    /// <summary>A client_credentials client that authenticates with private_key_jwt (RFC 7523), its key <see cref="BenchClientKey"/>.</summary>
    public const string PrivateKeyJwtClient = "bench-private-key-jwt";
    public const string BubbleAppSecret = "bench-bubble-secret-0123456789";
    public const string Scope = "sample-api.read";
    public const string Audience = "sample-api";
    public const string BubbleEmail = "bench@example.com";
    public const string BubblePassword = "bench-password";

    /// <summary>Configuration of AuthServer, as command-line arguments: the two clients and the scope.</summary>
    public static IEnumerable<string> AuthServerArguments(string simulatorUrl) =>
    [
        $"--Scopes:0:Name={Scope}",
        $"--Scopes:0:Resources:0={Audience}",
        $"--Clients:0:ClientId={Script}",
        $"--Clients:0:ClientSecret={ScriptSecret}",
        "--Clients:0:GrantTypes:0=client_credentials",
        $"--Clients:0:Scopes:0={Scope}",
        $"--Clients:1:ClientId={BubbleApp}",
        $"--Clients:1:ClientSecret={BubbleAppSecret}",
        "--Clients:1:GrantTypes:0=token_exchange",
        "--Clients:1:GrantTypes:1=refresh_token",
        $"--Clients:1:Scopes:0={Scope}",
        "--Clients:1:Scopes:1=offline_access",
        $"--Clients:1:BubbleAppUrl={simulatorUrl}",
        "--Clients:1:BubbleClaims:0=plan",
        $"--Clients:2:ClientId={PrivateKeyJwtClient}",
        $"--Clients:2:Jwks={BenchClientKey.Jwks}",
        "--Clients:2:GrantTypes:0=client_credentials",
        $"--Clients:2:Scopes:0={Scope}",
    ];

    /// <summary>The simulator's user, beside the demo users of its appsettings.json (index 9 keeps clear of theirs).</summary>
    public static IEnumerable<string> SimulatorArguments() =>
    [
        $"--Simulator:Users:9:Email={BubbleEmail}",
        $"--Simulator:Users:9:Password={BubblePassword}",
        "--Simulator:Users:9:Fields:plan=pro",
    ];
}
