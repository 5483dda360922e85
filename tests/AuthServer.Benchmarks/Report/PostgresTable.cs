using System.Globalization;
using System.Text;

namespace AuthServer.Benchmarks.Report;

/// <summary>The second table of a <c>--postgres</c> run: the same rows on PostgreSQL, beside their SQLite numbers and shared baseline.</summary>
public static class PostgresTable
{
    public static string Render(IReadOnlyList<PostgresRowResult> rows, string server)
    {
        var table = new StringBuilder()
            .AppendLine(CultureInfo.InvariantCulture, $"PostgreSQL ({server}); ratios against the baseline of the SQLite row above, measured once:")
            .AppendLine()
            .AppendLine("| scenario | SQLite req/s | PostgreSQL 1 node req/s | p50 ms | p99 ms | ratio | PostgreSQL 2 nodes req/s | p50 ms | p99 ms | ratio " +
                "| baseline req/s | target | non-2xx | ok? |")
            .AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|---|---|");
        foreach (var row in rows)
        {
            var failures = row.OneNode.FailureCount == 0 && row.TwoNodes.FailureCount == 0
                ? "0"
                : $"1 node: {row.OneNode.DescribeFailures()}; 2 nodes: {row.TwoNodes.DescribeFailures()}";
            table.AppendLine(CultureInfo.InvariantCulture,
                $"| {row.Sqlite.Scenario.Name} | {row.Sqlite.Subject.RequestsPerSecond:0} " +
                $"| {row.OneNode.RequestsPerSecond:0} | {ResultTable.Ms(row.OneNode.P50Milliseconds)} | {ResultTable.Ms(row.OneNode.P99Milliseconds)} | {row.OneNodeRatio:0.00} " +
                $"| {row.TwoNodes.RequestsPerSecond:0} | {ResultTable.Ms(row.TwoNodes.P50Milliseconds)} | {ResultTable.Ms(row.TwoNodes.P99Milliseconds)} | {row.TwoNodesRatio:0.00} " +
                $"| {row.Sqlite.Baseline.RequestsPerSecond:0} | no target | {failures} | {(row.Passed ? "yes" : "**no**")} |");
        }

        return table.AppendLine()
            .Append("Two nodes: connection i goes to node i % 2, each node with its own caches; both share the one database and the issuer.")
            .AppendLine().ToString();
    }
}
