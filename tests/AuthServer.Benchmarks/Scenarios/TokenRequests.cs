using System.Net.Http.Headers;
using System.Text;
using AuthServer.Benchmarks.Baseline;
using AuthServer.Benchmarks.Processes;

namespace AuthServer.Benchmarks.Scenarios;

/// <summary>The token requests of the scenarios, sent alike to AuthServer and to the baseline.</summary>
public static class TokenRequests
{
    public const string TokenPath = "/connect/token";
    private const string ExchangeGrant = "urn:ietf:params:oauth:grant-type:token-exchange";
    private const string BubbleUserTokenType = "urn:bubble:token-type:user";

    public static HttpRequestMessage ClientCredentials(string path) =>
        Post(path, BenchClients.Script, BenchClients.ScriptSecret, [new("grant_type", "client_credentials"), new("scope", BenchClients.Scope)]);

    public static HttpRequestMessage Exchange(string path, string bubbleToken, string? scope = null) =>
        Post(path, BenchClients.BubbleApp, BenchClients.BubbleAppSecret,
        [
            new("grant_type", ExchangeGrant),
            new("subject_token", bubbleToken),
            new("subject_token_type", BubbleUserTokenType),
            .. scope is null ? Array.Empty<KeyValuePair<string, string>>() : [new("scope", scope)],
        ]);

    /// <summary>client_credentials authenticated with a client assertion (RFC 7523 §2.2) in the form: no Authorization header.</summary>
    public static HttpRequestMessage ClientCredentialsWithAssertion(string path, string assertion) =>
        new(HttpMethod.Post, path)
        {
            Content = new FormUrlEncodedContent(
            [
                new("grant_type", "client_credentials"),
                new("scope", BenchClients.Scope),
                new("client_id", BenchClients.PrivateKeyJwtClient),
                new("client_assertion_type", ClientAssertionType),
                new("client_assertion", assertion),
            ]),
        };

    public const string ClientAssertionType = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";

    /// <summary>A refresh; <paramref name="bubbleToken"/> only for the baseline (e), which reads it from the form.</summary>
    public static HttpRequestMessage Refresh(string path, string refreshToken, string? bubbleToken = null) =>
        Post(path, BenchClients.BubbleApp, BenchClients.BubbleAppSecret,
        [
            new("grant_type", "refresh_token"),
            new("refresh_token", refreshToken),
            .. bubbleToken is null ? Array.Empty<KeyValuePair<string, string>>() : [new(BaselinePaths.BubbleTokenField, bubbleToken)],
        ]);

    /// <summary>client_secret_basic (RFC 6749 §2.3.1); the harness's ids and secrets need no form-encoding.</summary>
    private static HttpRequestMessage Post(string path, string clientId, string secret, IEnumerable<KeyValuePair<string, string>> form) =>
        new(HttpMethod.Post, path)
        {
            Content = new FormUrlEncodedContent(form),
            Headers = { Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.ASCII.GetBytes($"{clientId}:{secret}"))) },
        };
}
