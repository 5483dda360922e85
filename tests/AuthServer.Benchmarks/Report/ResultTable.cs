using System.Globalization;
using System.Text;

namespace AuthServer.Benchmarks.Report;

/// <summary>The one markdown table of a run, and the memory line under it.</summary>
public static class ResultTable
{
    public static string Render(IReadOnlyList<RowResult> rows)
    {
        var table = new StringBuilder()
            .AppendLine("| scenario | req/s | p50 ms | p99 ms | baseline req/s | baseline p50 | baseline p99 | ratio | target | non-2xx | ok? |")
            .AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|---|---|");
        foreach (var row in rows)
        {
            var failures = row.Baseline.FailureCount == 0
                ? row.Subject.DescribeFailures()
                : $"{row.Subject.DescribeFailures()} (baseline: {row.Baseline.DescribeFailures()})";
            table.AppendLine(CultureInfo.InvariantCulture,
                $"| {row.Scenario.Name} | {row.Subject.RequestsPerSecond:0} | {Ms(row.Subject.P50Milliseconds)} | {Ms(row.Subject.P99Milliseconds)} " +
                $"| {row.Baseline.RequestsPerSecond:0} | {Ms(row.Baseline.P50Milliseconds)} | {Ms(row.Baseline.P99Milliseconds)} " +
                $"| {row.Ratio:0.00} | {Target(row.Scenario.TargetRatio)} | {failures} | {(row.Passed ? "yes" : "**no**")} |");
        }

        table.AppendLine().Append("Baselines: ")
            .AppendJoin("; ", rows.Select(r => $"{r.Scenario.Name} → {r.Scenario.BaselineDescription}")).AppendLine(".");
        return table.ToString();
    }

    public static string RenderMemory(PeakMemory memory) => string.Create(CultureInfo.InvariantCulture,
        $"AuthServer peak working set (VmHWM): {memory.Describe()}; bound ≤ {PeakMemory.BoundMegabytes} MB: {(memory.WithinBound ? "yes" : "**no**")}");

    private static string Target(double? ratio) => ratio is { } target ? string.Create(CultureInfo.InvariantCulture, $"≥ {target:0.00}") : "reference";

    /// <summary>Latencies as both tables print them.</summary>
    internal static string Ms(double milliseconds) =>
        double.IsNaN(milliseconds) ? "–" : milliseconds.ToString(milliseconds < 10 ? "0.00" : "0.0", CultureInfo.InvariantCulture);
}
