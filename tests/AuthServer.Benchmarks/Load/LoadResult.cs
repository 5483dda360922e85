namespace AuthServer.Benchmarks.Load;

/// <summary>
/// One measured run. Only 2xx answers within the measured window count towards throughput and latency;
/// every other status (and every transport error) of warm-up or measurement is counted as a failure.
/// </summary>
public sealed record LoadResult(double RequestsPerSecond, double P50Milliseconds, double P99Milliseconds, long Successes,
    IReadOnlyDictionary<string, long> Failures)
{
    public long FailureCount => Failures.Values.Sum();

    public string DescribeFailures() =>
        FailureCount == 0 ? "0" : string.Join(", ", Failures.OrderBy(f => f.Key, StringComparer.Ordinal).Select(f => $"{f.Value}×{f.Key}"));
}
