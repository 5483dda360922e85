namespace AuthServer.Benchmarks.Load;

public static class Percentiles
{
    /// <summary>Nearest-rank percentile of latencies sorted ascending (in Stopwatch ticks), in milliseconds.</summary>
    public static double Milliseconds(long[] sortedTicks, double percentile)
    {
        if (sortedTicks.Length == 0)
        {
            return double.NaN;
        }

        var rank = (int)Math.Ceiling(percentile / 100.0 * sortedTicks.Length);
        var ticks = sortedTicks[Math.Clamp(rank - 1, 0, sortedTicks.Length - 1)];
        return ticks * 1000.0 / System.Diagnostics.Stopwatch.Frequency;
    }
}
