using System.Collections.Immutable;

namespace AuthServer.Administration.Bubble;

/// <summary>
/// What the wizard knows about a client: <paramref name="ClientSecret"/> only right after it was created or rotated
/// (it is stored hashed), otherwise null, and then no Authorization value can be shown.
/// </summary>
public sealed record BubbleConnectionRequest(
    string ClientId,
    string? ClientSecret,
    string BubbleAppUrl,
    IReadOnlyList<string> Scopes,
    IReadOnlyList<string> BubbleClaims);

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
    ImmutableArray<GuideStep> Steps);

/// <summary>A field to add to Bubble's User data type: its name and its Bubble type.</summary>
public sealed record UserField(string Name, string Type);
