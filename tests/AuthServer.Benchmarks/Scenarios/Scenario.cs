using AuthServer.Benchmarks.Load;

namespace AuthServer.Benchmarks.Scenarios;

/// <summary>One side of a row: where the load goes and what each connection sends.</summary>
public sealed record LoadSide(string Url, SessionFactory Sessions);

/// <summary>
/// One row of the table: the thing measured, its in-run baseline, and the ratio it must reach. A row
/// <paramref name="OnPostgres"/> is measured again with <c>--postgres</c>, with the same sessions sent to the
/// PostgreSQL nodes (the sessions use whichever server their connection points at). A row without a
/// target is a reference: it is printed, and fails only on a non-2xx answer.
/// </summary>
public sealed record Scenario(string Name, double? TargetRatio, string BaselineDescription, LoadSide Subject, LoadSide Baseline,
    bool OnPostgres = false);
