using System.Text.Json;
using AuthServer.Benchmarks.Processes;

namespace AuthServer.Benchmarks.Scenarios;

/// <summary>Logs the benchmark user in to the Bubble simulator, as a Bubble app's login workflow would.</summary>
public static class BubbleLogin
{
    private static readonly HttpClient Http = new();

    public static async Task<string> NewUserTokenAsync(string simulatorUrl, CancellationToken cancel)
    {
        using var response = await Http.PostAsync($"{simulatorUrl}/api/1.1/wf/login", new FormUrlEncodedContent(
            [new("email", BenchClients.BubbleEmail), new("password", BenchClients.BubblePassword)]), cancel);
        response.EnsureSuccessStatusCode();
        using var body = JsonDocument.Parse(await response.Content.ReadAsStreamAsync(cancel));
        return body.RootElement.GetProperty("response").GetProperty("token").GetString()!;
    }
}
