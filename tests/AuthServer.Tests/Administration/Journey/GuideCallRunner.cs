using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using AuthServer.Administration.Bubble;

namespace AuthServer.Tests.Administration.Journey;

/// <summary>What a workflow sees of a call run with "Include errors in response and allow workflow actions to continue".</summary>
public sealed record GuideCallResult(int StatusCode, string Body)
{
    /// <summary>Bubble's <c>returned an error</c>: any status but 2xx.</summary>
    public bool ReturnedAnError => StatusCode is < 200 or > 299;

    public string? this[string field]
    {
        get
        {
            if (Body.Length == 0 || !Body.TrimStart().StartsWith('{')) return null;
            using var json = JsonDocument.Parse(Body);
            var root = json.RootElement;
            // Bubble's own answers put the fields under "response"; AuthServer's and the API's are flat.
            if (root.TryGetProperty("response", out var response) && response.ValueKind == JsonValueKind.Object) root = response;
            return root.TryGetProperty(field, out var value)
                ? value.ValueKind == JsonValueKind.String ? value.GetString() : value.GetRawText()
                : null;
        }
    }
}

/// <summary>
/// Sends a guide's <see cref="ConnectorCall"/> as Bubble's API Connector does: the call's own method, URL, headers and
/// body, each dynamic parameter replaced as it is. Nothing here knows any endpoint or body: they all come from the data.
/// </summary>
public sealed class GuideCallRunner : IDisposable
{
    private readonly HttpClient _http = new();

    public List<string> Sent { get; } = [];

    public async Task<GuideCallResult> RunAsync(ConnectorCall call, params (string Name, string Value)[] arguments)
    {
        var filled = call.Fill(arguments.ToDictionary(a => a.Name, a => a.Value));
        using var request = new HttpRequestMessage(new HttpMethod(filled.Method), filled.Url);
        string? contentType = null;
        foreach (var (name, value) in filled.Headers)
        {
            if (name.Equals("Content-Type", StringComparison.OrdinalIgnoreCase))
            {
                contentType = value;
            }
            else
            {
                Assert.True(request.Headers.TryAddWithoutValidation(name, value), $"{call.ActionName}: header {name}");
            }
        }

        if (filled.Body is { } body)
        {
            request.Content = new ByteArrayContent(Encoding.UTF8.GetBytes(body));
            request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType ?? "text/plain");
        }

        Sent.Add(call.ActionName);
        using var response = await _http.SendAsync(request);
        return new GuideCallResult((int)response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    public void Dispose() => _http.Dispose();
}
