using AuthServer.Benchmarks.Baseline;
using AuthServer.Benchmarks.Processes;
using AuthServer.Benchmarks.Scenarios;

namespace AuthServer.Benchmarks.Report;

/// <summary>The baseline must sign a JWT of about the size AuthServer issues; the two sizes are printed to show it.</summary>
public static class TokenSizes
{
    public static async Task PrintAsync(BenchmarkSystem system, CancellationToken cancel)
    {
        var server = await AccessTokenLengthAsync(system.AuthServer.Url, TokenRequests.TokenPath, cancel);
        var baseline = await AccessTokenLengthAsync(system.Baseline.Url, BaselinePaths.Sign, cancel);
        Console.Error.WriteLine($"client_credentials access token: AuthServer {server} characters, baseline {baseline}.");
    }

    private static async Task<int> AccessTokenLengthAsync(string url, string path, CancellationToken cancel)
    {
        using var http = new HttpClient { BaseAddress = new Uri(url) };
        using var request = TokenRequests.ClientCredentials(path);
        using var response = await http.SendAsync(request, cancel);
        response.EnsureSuccessStatusCode();
        using var body = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancel));
        return body.RootElement.GetProperty("access_token").GetString()!.Length;
    }
}
