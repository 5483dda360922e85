using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace AuthServer.Tests.Infrastructure;

/// <summary>Introspection (RFC 7662) and revocation (RFC 7009) calls with Basic client authentication.</summary>
public static class TokenManagementClient
{
    public static async Task<JsonElement> IntrospectAsync(this TokenClient tokens, string token, string clientId, string secret)
    {
        var response = await tokens.PostTokenAsync("/connect/introspect", token, clientId, secret);
        Assert.Equal(200, (int)response.StatusCode);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
    }

    public static Task<HttpResponseMessage> RevokeAsync(this TokenClient tokens, string token, string clientId, string secret) =>
        tokens.PostTokenAsync("/connect/revoke", token, clientId, secret);

    public static async Task<HttpResponseMessage> PostTokenAsync(this TokenClient tokens, string path, string token, string clientId,
        string secret)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path)
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["token"] = token }),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic",
            Convert.ToBase64String(Encoding.UTF8.GetBytes($"{Uri.EscapeDataString(clientId)}:{Uri.EscapeDataString(secret)}")));
        return await tokens.Http.SendAsync(request);
    }
}
