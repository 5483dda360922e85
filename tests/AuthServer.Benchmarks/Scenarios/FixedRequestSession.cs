using AuthServer.Benchmarks.Load;

namespace AuthServer.Benchmarks.Scenarios;

/// <summary>Sends the same request every time (built afresh: a request message is sent only once).</summary>
public sealed class FixedRequestSession(Func<HttpRequestMessage> request) : IWorkerSession
{
    public async Task<int> ExecuteAsync(HttpClient http, CancellationToken cancel)
    {
        using var message = request();
        using var response = await http.SendAsync(message, HttpCompletionOption.ResponseContentRead, cancel);
        return (int)response.StatusCode;
    }

    public static SessionFactory Factory(Func<HttpRequestMessage> request) =>
        (_, _, _) => Task.FromResult<IWorkerSession>(new FixedRequestSession(request));
}
