using System.Globalization;
using AuthServer.Benchmarks.Processes;

namespace AuthServer.Benchmarks.Report;

/// <summary>Each AuthServer's peak resident set, read from /proc when the load is over.</summary>
public sealed record PeakMemory(IReadOnlyList<(string Name, double? Megabytes)> Servers)
{
    public const int BoundMegabytes = 250;

    public static PeakMemory Read(IEnumerable<ChildProcess> servers) =>
        new(servers.Select(s => (s.Name, s.PeakWorkingSetMegabytes())).ToList());

    public bool WithinBound => Servers.All(s => s.Megabytes is null or <= BoundMegabytes);

    public string Describe() => string.Join(", ", Servers.Select(s =>
        $"{s.Name} {(s.Megabytes is { } mb ? mb.ToString("0", CultureInfo.InvariantCulture) + " MB" : "unknown (no /proc)")}"));
}
