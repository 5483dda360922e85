using System.Text;

namespace AuthServer.Tests.Infrastructure;

/// <summary>One row of a hostile-input table: how to build the request, and the exact answer expected.</summary>
public sealed record HostileCase(int Status, string? Error, Func<HostileInputFixture, Task<HttpRequestMessage>> Request)
{
    public const string Form = "application/x-www-form-urlencoded";
    public const string Exchange = "urn:ietf:params:oauth:grant-type:token-exchange";
    public const string BubbleUserType = "urn:bubble:token-type:user";

    /// <summary>As the authorization of a case: send no Authorization header at all.</summary>
    public const string NoAuthorization = "";

    public static string ScriptBasic => Basic($"{TestClients.Script}:{TestClients.ScriptSecret}");

    public static string BubbleBasic => Basic($"{ExchangeTest.BubbleClient}:{ExchangeTest.BubbleSecret}");

    /// <summary>A Basic header over exactly these characters, with none of RFC 6749 §2.3.1's form-encoding applied.</summary>
    public static string Basic(string credentials) => "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes(credentials));

    public static HostileCase Of(int status, string? error, string path, string body, string? authorization = null,
        string? contentType = Form) =>
        OfBytes(status, error, path, Encoding.UTF8.GetBytes(body), authorization, contentType);

    public static HostileCase OfBytes(int status, string? error, string path, byte[] body, string? authorization = null,
        string? contentType = Form) =>
        new(status, error, _ => Task.FromResult(Build(path, body, authorization ?? ScriptBasic, contentType)));

    /// <summary>A case whose body needs live material (a Bubble token, a refresh token) from the fixture.</summary>
    public static HostileCase Live(int status, string? error, string path, Func<HostileInputFixture, Task<string>> body,
        string? authorization = null) =>
        new(status, error, async f => Build(path, Encoding.UTF8.GetBytes(await body(f)), authorization ?? BubbleBasic, Form));

    public static HttpRequestMessage Build(string path, byte[] body, string? authorization, string? contentType)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new ByteArrayContent(body) };
        if (contentType is not null)
        {
            request.Content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        }

        if (!string.IsNullOrEmpty(authorization))
        {
            request.Headers.TryAddWithoutValidation("Authorization", authorization);
        }

        return request;
    }

    public static string Escape(string value) => Uri.EscapeDataString(value);

    public static TheoryData<string> Names(IReadOnlyDictionary<string, HostileCase> table)
    {
        var data = new TheoryData<string>();
        foreach (var name in table.Keys) data.Add(name);
        return data;
    }
}
