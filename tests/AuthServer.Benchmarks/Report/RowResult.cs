using AuthServer.Benchmarks.Load;
using AuthServer.Benchmarks.Scenarios;

namespace AuthServer.Benchmarks.Report;

/// <summary>A measured row: it passes when the ratio reaches the target and neither side had a non-2xx answer.</summary>
public sealed record RowResult(Scenario Scenario, LoadResult Subject, LoadResult Baseline)
{
    public double Ratio => Baseline.RequestsPerSecond > 0 ? Subject.RequestsPerSecond / Baseline.RequestsPerSecond : 0;

    public bool Passed => (Scenario.TargetRatio is not { } target || Ratio >= target) && Subject.FailureCount == 0 && Baseline.FailureCount == 0;
}
