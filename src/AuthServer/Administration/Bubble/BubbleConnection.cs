using System.Collections.Immutable;

namespace AuthServer.Administration.Bubble;

/// <summary>
/// What the wizard knows about a client: <paramref name="ClientSecret"/> only right after it was created or rotated
/// (it is stored hashed), otherwise null, and then no Authorization value can be shown. <paramref name="ApiUrl"/> is
/// an endpoint of the builder's own API, for the guide's call to it; null shows <see cref="ExampleApiUrl"/>.
/// </summary>
public sealed record BubbleConnectionRequest(
    string ClientId,
    string? ClientSecret,
    string BubbleAppUrl,
    IReadOnlyList<string> Scopes,
    IReadOnlyList<string> BubbleClaims,
    string? ApiUrl = null)
{
    public const string ExampleApiUrl = "https://api.example.com/me";
}

/// <summary>
/// Exactly what to paste into Bubble for one client: each value as the API Connector takes it (bodies are raw
/// form-urlencoded text whose <c>&lt;token&gt;</c> and <c>&lt;refresh_token&gt;</c> are dynamic parameters), and the
/// guide's steps with these values filled in. Without <c>offline_access</c> there is no refresh: the refresh body
/// is null and no step mentions it.
/// </summary>
public sealed record BubbleConnection(
    string TokenEndpoint,
    string? AuthorizationHeader,
    string ExchangeBody,
    string? RefreshBody,
    string LoginWorkflowUrl,
    ImmutableArray<UserField> UserFields,
    ImmutableArray<GuideStep> Steps)
{
    /// <summary>The API Connector calls the steps render, as data (the journey test sends these).</summary>
    public required BubbleGuideCalls Calls { get; init; }

    /// <summary>
    /// Why Bubble's servers cannot reach <see cref="TokenEndpoint"/> (loopback, a private address, plain http), or null;
    /// the step that sets up the calls to AuthServer says it too.
    /// </summary>
    public string? ReachabilityWarning { get; init; }
}

/// <summary>A field to add to Bubble's User data type: its name and its Bubble type.</summary>
public sealed record UserField(string Name, string Type);
