using System.Text.Json;
using AuthServer.Benchmarks.Load;

namespace AuthServer.Benchmarks.Scenarios;

/// <summary>
/// One rotating refresh-token chain per connection: each answer's refresh_token is the next request's.
/// If a redemption fails, the chain is started again (the failure is still counted).
/// </summary>
public sealed class RefreshChainSession(Func<string, HttpRequestMessage> refresh, Func<HttpClient, CancellationToken, Task<string>> startChain,
    string first) : IWorkerSession
{
    private string _current = first;

    public async Task<int> ExecuteAsync(HttpClient http, CancellationToken cancel)
    {
        using var message = refresh(_current);
        using var response = await http.SendAsync(message, HttpCompletionOption.ResponseContentRead, cancel);
        if (response.IsSuccessStatusCode)
        {
            using var body = JsonDocument.Parse(await response.Content.ReadAsStreamAsync(cancel));
            _current = body.RootElement.GetProperty("refresh_token").GetString()!;
        }
        else
        {
            _current = await startChain(http, cancel);
        }

        return (int)response.StatusCode;
    }

    public static SessionFactory Factory(string path, Func<HttpClient, CancellationToken, Task<string>> startChain) =>
        async (http, _, cancel) => new RefreshChainSession(token => TokenRequests.Refresh(path, token), startChain, await startChain(http, cancel));

    /// <summary>
    /// For the baseline (e): each connection logs in to the simulator once, as its chain's Bubble session, and every
    /// request carries that Bubble token (AuthServer keeps it with the chain instead).
    /// </summary>
    public static SessionFactory WithBubbleToken(string path, string simulatorUrl, Func<HttpClient, CancellationToken, Task<string>> startChain) =>
        async (http, _, cancel) =>
        {
            var bubbleToken = await BubbleLogin.NewUserTokenAsync(simulatorUrl, cancel);
            return new RefreshChainSession(token => TokenRequests.Refresh(path, token, bubbleToken), startChain, await startChain(http, cancel));
        };
}
