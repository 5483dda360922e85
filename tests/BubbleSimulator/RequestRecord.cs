using System.Collections.Concurrent;

namespace BubbleSimulator;

public sealed record ReceivedRequest(string Method, string Path, bool HadBearer, DateTimeOffset At, int Status);

/// <summary>Every API call the simulator received, for tests to count (bearer tokens are not kept).</summary>
public sealed class RequestRecord
{
    private readonly ConcurrentQueue<ReceivedRequest> _requests = new();

    public void Add(ReceivedRequest request) => _requests.Enqueue(request);

    public IReadOnlyList<ReceivedRequest> All => [.. _requests];

    public int Count(string pathSuffix) => _requests.Count(r => r.Path.EndsWith(pathSuffix, StringComparison.Ordinal));

    public void Clear() => _requests.Clear();
}
