using System.Net.Http.Headers;
using System.Text;
using AuthServer.Tests.Infrastructure;

namespace AuthServer.Tests.Sessions;

/// <summary>Calls to <c>POST /connect/revoke-sessions</c>, as a Bubble backend workflow makes them.</summary>
public static class SessionTestClient
{
    public const string Path = "/connect/revoke-sessions";

    /// <summary>With HTTP Basic (or the credentials in the form when <paramref name="basic"/> is false).</summary>
    public static Task<TokenResponse> RevokeSessionsAsync(this TokenClient tokens, string userId, string clientId, string secret,
        bool basic = true) =>
        tokens.PostFormAsync([("user_id", userId)], basic ? Basic(clientId, secret) : null,
            basic ? [] : [("client_id", clientId), ("client_secret", secret)]);

    public static async Task<TokenResponse> PostFormAsync(this TokenClient tokens, (string Name, string Value)[] form,
        string? authorization, (string Name, string Value)[]? extra = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, Path)
        {
            Content = new FormUrlEncodedContent([.. form.Concat(extra ?? []).Select(p => new KeyValuePair<string, string>(p.Name, p.Value))]),
        };
        if (authorization is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", authorization);
        }

        return await TokenResponse.ReadAsync(await tokens.Http.SendAsync(request));
    }

    public static string Basic(string clientId, string secret) =>
        "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"{Uri.EscapeDataString(clientId)}:{Uri.EscapeDataString(secret)}"));

    /// <summary>How many sessions the answer says were ended.</summary>
    public static int RevokedSessions(this TokenResponse response) =>
        response.Json.GetProperty("revoked_sessions").GetInt32();
}
