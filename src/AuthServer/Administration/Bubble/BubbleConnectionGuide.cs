using System.Collections.Immutable;
using AuthServer.Bubble;
using AuthServer.Options;
using Microsoft.Extensions.Options;
using static OpenIddict.Abstractions.OpenIddictConstants;
using AuthServer.Protocol.Discovery;

namespace AuthServer.Administration.Bubble;

/// <summary>
/// Computes what the wizard shows for a client: the token endpoint, the Authorization header, the exchange and
/// refresh bodies, the User fields and the guide's steps, from the same step texts as docs/bubble.md's
/// "Connect your Bubble app" (a test holds the guide to them).
/// </summary>
public sealed class BubbleConnectionGuide(IOptions<AuthOptions> auth, IOptions<BubbleOptions> bubble)
{
    /// <summary>For this server: the configured issuer, or <paramref name="requestOrigin"/> where none is (Development).</summary>
    public BubbleConnection For(BubbleConnectionRequest request, string requestOrigin) =>
        Build(IssuerFormat.Canonical(auth.Value.Issuer) ?? requestOrigin, request, bubble.Value.Workflow);

    public static BubbleConnection Build(string issuer, BubbleConnectionRequest request, string workflow = "whoami")
    {
        var appUrl = BubbleAppUrl.TryNormalize(request.BubbleAppUrl, out var normalized) ? normalized : request.BubbleAppUrl.TrimEnd('/');
        var values = new BubbleGuideValues(
            AppUrl: appUrl,
            TokenEndpoint: issuer.TrimEnd('/') + "/connect/token",
            AuthorizationHeader: request.ClientSecret is { Length: > 0 } secret ? ClientSecretBasic.HeaderValue(request.ClientId, secret) : null,
            ExchangeBody: ExchangeBody(request.Scopes),
            RefreshBody: request.Scopes.Contains(Scopes.OfflineAccess) ? "grant_type=refresh_token&refresh_token=<refresh_token>" : null,
            Workflow: workflow,
            Claims: [.. request.BubbleClaims.Distinct(StringComparer.Ordinal)],
            RevocationEndpoint: issuer.TrimEnd('/') + "/connect/revoke",
            ApiUrl: request.ApiUrl ?? BubbleConnectionRequest.ExampleApiUrl);
        var calls = BubbleGuideCalls.For(values);
        var warning = IssuerReachability.Warning(values.TokenEndpoint);

        return new BubbleConnection(
            values.TokenEndpoint,
            values.AuthorizationHeader,
            values.ExchangeBody,
            values.RefreshBody,
            values.LoginWorkflowUrl,
            BubbleGuideSteps.UserFields(values),
            BubbleGuideSteps.All(values, calls, warning))
        {
            Calls = calls,
            ReachabilityWarning = warning,
        };
    }

    /// <summary>
    /// The URNs stay readable: a form value may hold <c>:</c> as it is. The scopes are percent-encoded, and the
    /// Bubble token goes in where <c>&lt;token&gt;</c> stands, as the API Connector inserts it.
    /// </summary>
    private static string ExchangeBody(IReadOnlyList<string> scopes)
    {
        var body = $"grant_type={GrantTypes.TokenExchange}&subject_token=<token>&subject_token_type={BubbleTokenTypes.User}";
        return scopes.Count == 0 ? body : body + "&scope=" + Uri.EscapeDataString(string.Join(' ', scopes.Distinct(StringComparer.Ordinal)));
    }
}

/// <summary>The values the guide's steps are filled with.</summary>
public sealed record BubbleGuideValues(string AppUrl, string TokenEndpoint, string? AuthorizationHeader, string ExchangeBody,
    string? RefreshBody, string Workflow, ImmutableArray<string> Claims, string RevocationEndpoint, string ApiUrl)
{
    public string LoginWorkflowUrl => $"{AppUrl}/api/1.1/wf/login";

    public bool Refreshes => RefreshBody is not null;
}
