using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace AuthServer.Tests.Infrastructure;

/// <summary>Plain HTTP calls to the token endpoint, as any OAuth client makes them.</summary>
public sealed class TokenClient : IDisposable
{
    /// <summary>Over the network, to a server on a loopback port.</summary>
    public TokenClient(string authServerUrl) : this(new HttpClient { BaseAddress = new Uri(authServerUrl) })
    {
    }

    /// <summary>Through the given client: an in-process server's (see <see cref="InProcessServerTest"/>).</summary>
    public TokenClient(HttpClient http) => Http = http;

    public HttpClient Http { get; }

    public Task<TokenResponse> ClientCredentialsAsync(string clientId = TestClients.Script, string secret = TestClients.ScriptSecret,
        string? scope = null, bool basic = true)
    {
        var form = new Dictionary<string, string> { ["grant_type"] = "client_credentials" };
        if (scope is not null) form["scope"] = scope;
        return PostAsync(form, clientId, secret, basic);
    }

    public async Task<TokenResponse> PostAsync(Dictionary<string, string> form, string? clientId, string? secret, bool basic = true)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/connect/token") { Content = new FormUrlEncodedContent(form) };
        if (clientId is not null && basic)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Basic",
                Convert.ToBase64String(Encoding.UTF8.GetBytes($"{Uri.EscapeDataString(clientId)}:{Uri.EscapeDataString(secret ?? "")}")));
        }
        else if (clientId is not null)
        {
            form["client_id"] = clientId;
            if (secret is not null) form["client_secret"] = secret;
            request.Content = new FormUrlEncodedContent(form);
        }

        return await TokenResponse.ReadAsync(await Http.SendAsync(request));
    }

    public void Dispose() => Http.Dispose();
}

public sealed record TokenResponse(HttpResponseMessage Response, JsonElement Json)
{
    public int Status => (int)Response.StatusCode;

    public string? this[string name] => Json.ValueKind == JsonValueKind.Object && Json.TryGetProperty(name, out var v)
        ? v.ValueKind == JsonValueKind.String ? v.GetString() : v.GetRawText()
        : null;

    public string AccessToken => this["access_token"] ?? throw new InvalidOperationException($"No access token: {Json}");

    public static async Task<TokenResponse> ReadAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        var json = body.Length > 0 && body.TrimStart().StartsWith('{') ? JsonDocument.Parse(body).RootElement.Clone() : default;
        return new TokenResponse(response, json);
    }
}
