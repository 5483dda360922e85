using AuthServer.Benchmarks.Load;

namespace AuthServer.Benchmarks.Scenarios;

/// <summary>GETs the given paths in turn (the JWKS, then discovery, then the JWKS…), without If-None-Match.</summary>
public sealed class AlternatingGetSession(IReadOnlyList<string> paths, int offset) : IWorkerSession
{
    private int _next = offset;

    public async Task<int> ExecuteAsync(HttpClient http, CancellationToken cancel)
    {
        var path = paths[_next++ % paths.Count];
        using var response = await http.GetAsync(path, HttpCompletionOption.ResponseContentRead, cancel);
        return (int)response.StatusCode;
    }

    /// <summary>Half the workers start on each path, so both are always being asked for.</summary>
    public static SessionFactory Factory(params string[] paths) =>
        (_, index, _) => Task.FromResult<IWorkerSession>(new AlternatingGetSession(paths, index));
}
