using System.Net;
using System.Text;

namespace AuthServer.Administration.Bubble;

/// <summary>
/// The <c>Authorization</c> value of client_secret_basic (RFC 6749 §2.3.1): the id and the secret each encoded
/// as application/x-www-form-urlencoded (UTF-8), joined by a colon, then base64. Encoding first is what lets a
/// secret hold <c>:</c>, <c>%</c>, <c>+</c> or a space; the token endpoint decodes it the same way.
/// </summary>
public static class ClientSecretBasic
{
    public static string HeaderValue(string clientId, string clientSecret) =>
        "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"{WebUtility.UrlEncode(clientId)}:{WebUtility.UrlEncode(clientSecret)}"));
}
