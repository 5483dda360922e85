namespace AuthServer.Benchmarks.Load;

/// <summary>
/// What one connection's worker does, request after request. A session may carry state from one
/// answer to the next (a rotating refresh token); it reads every answer to the end.
/// </summary>
public interface IWorkerSession
{
    /// <summary>Sends one request and returns its HTTP status.</summary>
    Task<int> ExecuteAsync(HttpClient http, CancellationToken cancel);
}

/// <summary>Creates worker <c>index</c>'s session before the clock starts (logins, the start of a chain).</summary>
public delegate Task<IWorkerSession> SessionFactory(HttpClient http, int index, CancellationToken cancel);
