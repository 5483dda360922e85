using System.Net;
using System.Text.RegularExpressions;

namespace AuthServer.Tests.Infrastructure;

/// <summary>
/// The console over plain HTTP requests, without a browser: for what a browser would hide (a replayed cookie, a
/// 429, a status code). Cookies are kept by hand: outside Development the console's cookies are Secure, which
/// <see cref="CookieContainer"/> never sends over http, while browsers do to a loopback address.
/// </summary>
public sealed partial class AdminHttpSession(string baseUrl) : IDisposable
{
    /// <summary>The admin the tests create with the CLI (as <c>AdminBrowserTest</c> does; that one is not in the PostgreSQL project).</summary>
    public const string AdminName = "alice";
    public const string AdminPassword = "correct horse battery staple";

    private readonly HttpClient _http = new(new SocketsHttpHandler { UseCookies = false, AllowAutoRedirect = false })
    {
        BaseAddress = new Uri(baseUrl),
    };

    /// <summary>The cookies the server set, by name, as a browser would keep them (a deletion removes one).</summary>
    public Dictionary<string, string> Cookies { get; } = new(StringComparer.Ordinal);

    /// <summary>Headers added to every request, such as <c>X-Forwarded-For</c>.</summary>
    public Dictionary<string, string> Headers { get; } = new(StringComparer.OrdinalIgnoreCase);

    public async Task<HttpResponseMessage> GetAsync(string path)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        return await SendAsync(request);
    }

    /// <summary>The antiforgery token of the form on <paramref name="path"/> (its cookie is kept).</summary>
    public async Task<string> FormTokenAsync(string path)
    {
        using var response = await GetAsync(path);
        var html = await response.Content.ReadAsStringAsync();
        var match = TokenPattern().Match(html);
        Assert.True(match.Success, $"no antiforgery token on {path} ({(int)response.StatusCode})");
        return WebUtility.HtmlDecode(match.Groups[1].Value);
    }

    public async Task<HttpResponseMessage> PostFormAsync(string path, string token, IDictionary<string, string> fields)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path)
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>(fields) { ["__RequestVerificationToken"] = token }),
        };
        return await SendAsync(request);
    }

    /// <summary>Signs in through the page; asserts the redirect that a success answers.</summary>
    public async Task SignInAsync(string name = AdminName, string password = AdminPassword)
    {
        var token = await FormTokenAsync("/admin/SignIn");
        using var response = await PostFormAsync("/admin/SignIn", token, new Dictionary<string, string> { ["Name"] = name, ["Password"] = password });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
    }

    public async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request)
    {
        if (Cookies.Count > 0)
        {
            request.Headers.Add("Cookie", string.Join("; ", Cookies.Select(c => $"{c.Key}={c.Value}")));
        }

        foreach (var (name, value) in Headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        var response = await _http.SendAsync(request);
        if (response.Headers.TryGetValues("Set-Cookie", out var setCookies))
        {
            foreach (var setCookie in setCookies)
            {
                var pair = setCookie.Split(';', 2)[0];
                var (name, value) = (pair[..pair.IndexOf('=')], pair[(pair.IndexOf('=') + 1)..]);
                var deleted = value.Length == 0 || setCookie.Contains("expires=Thu, 01 Jan 1970", StringComparison.OrdinalIgnoreCase);
                if (deleted) Cookies.Remove(name);
                else Cookies[name] = value;
            }
        }

        return response;
    }

    public void Dispose() => _http.Dispose();

    [GeneratedRegex("name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();
}
