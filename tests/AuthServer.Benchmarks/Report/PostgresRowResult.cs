using AuthServer.Benchmarks.Load;

namespace AuthServer.Benchmarks.Report;

/// <summary>
/// A row measured again on PostgreSQL, at one node and at two, against the baseline measured once for
/// its SQLite row. Issue 7 sets no target ratio here, so a row passes when neither measurement had a non-2xx answer.
/// </summary>
public sealed record PostgresRowResult(RowResult Sqlite, LoadResult OneNode, LoadResult TwoNodes)
{
    public double OneNodeRatio => RatioOf(OneNode);

    public double TwoNodesRatio => RatioOf(TwoNodes);

    public bool Passed => OneNode.FailureCount == 0 && TwoNodes.FailureCount == 0;

    private double RatioOf(LoadResult result) =>
        Sqlite.Baseline.RequestsPerSecond > 0 ? result.RequestsPerSecond / Sqlite.Baseline.RequestsPerSecond : 0;
}
