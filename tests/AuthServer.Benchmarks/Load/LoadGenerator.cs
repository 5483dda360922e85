using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;

namespace AuthServer.Benchmarks.Load;

/// <summary>
/// A closed-loop load generator: N workers, each on its own keep-alive connection (the pool allows
/// exactly N), each sending its next request as soon as the previous one is answered. The first
/// <see cref="LoadSettings.WarmUp"/> is not measured (JIT, connection set-up, caches); then requests
/// that start and finish within <see cref="LoadSettings.Duration"/> are.
/// Several base URLs spread the workers over several nodes behind one imaginary load balancer:
/// worker i talks to URL i % count, on a pool of its own per URL, so one URL is exactly the old single-server load.
/// </summary>
public static class LoadGenerator
{
    public static Task<LoadResult> RunAsync(string baseUrl, SessionFactory createSession, LoadSettings settings, CancellationToken cancel) =>
        RunAsync([baseUrl], createSession, settings, cancel);

    public static async Task<LoadResult> RunAsync(IReadOnlyList<string> baseUrls, SessionFactory createSession, LoadSettings settings,
        CancellationToken cancel)
    {
        var clients = baseUrls.Select(url => NewClient(url, settings.Connections)).ToList();
        try
        {
            var workers = new (IWorkerSession Session, HttpClient Http)[settings.Connections];
            for (var i = 0; i < workers.Length; i++)
            {
                var http = clients[i % clients.Count];
                workers[i] = (await createSession(http, i, cancel), http);
            }

            return await MeasureAsync(workers, settings, cancel);
        }
        finally
        {
            clients.ForEach(c => c.Dispose());
        }
    }

    private static async Task<LoadResult> MeasureAsync((IWorkerSession Session, HttpClient Http)[] workers, LoadSettings settings,
        CancellationToken cancel)
    {
        var failures = new ConcurrentDictionary<string, long>(StringComparer.Ordinal);
        var clock = Stopwatch.StartNew();
        var measureFrom = (long)(settings.WarmUp.TotalSeconds * Stopwatch.Frequency);
        var measureUntil = measureFrom + (long)(settings.Duration.TotalSeconds * Stopwatch.Frequency);
        var running = workers.Select(w => Task.Run(() => WorkAsync(w.Session, w.Http, clock, measureFrom, measureUntil, failures, cancel), cancel));
        var latencies = (await Task.WhenAll(running)).SelectMany(l => l).ToArray();
        Array.Sort(latencies);

        return new LoadResult(latencies.Length / settings.Duration.TotalSeconds, Percentiles.Milliseconds(latencies, 50),
            Percentiles.Milliseconds(latencies, 99), latencies.Length, failures);
    }

    /// <summary>A keep-alive pool allowing every worker its own connection (the client disposes the handler).</summary>
    private static HttpClient NewClient(string baseUrl, int connections) =>
        new(new SocketsHttpHandler
        {
            MaxConnectionsPerServer = connections,
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5),
            PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
            UseCookies = false,
            UseProxy = false,
            AllowAutoRedirect = false,
            AutomaticDecompression = DecompressionMethods.None,
        })
        { BaseAddress = new Uri(baseUrl), Timeout = TimeSpan.FromSeconds(30) };

    /// <summary>One worker's loop; returns the latencies (Stopwatch ticks) of its measured 2xx answers.</summary>
    private static async Task<List<long>> WorkAsync(IWorkerSession session, HttpClient http, Stopwatch clock, long measureFrom,
        long measureUntil, ConcurrentDictionary<string, long> failures, CancellationToken cancel)
    {
        var latencies = new List<long>(capacity: 64 * 1024);
        while (clock.ElapsedTicks < measureUntil && !cancel.IsCancellationRequested)
        {
            var start = clock.ElapsedTicks;
            string? failure;
            try
            {
                var status = await session.ExecuteAsync(http, cancel);
                failure = status is >= 200 and < 300 ? null : status.ToString(System.Globalization.CultureInfo.InvariantCulture);
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !cancel.IsCancellationRequested)
            {
                failure = ex.GetType().Name;
            }

            var end = clock.ElapsedTicks;
            if (failure is not null)
            {
                failures.AddOrUpdate(failure, 1, (_, count) => count + 1);
            }
            else if (start >= measureFrom && end <= measureUntil)
            {
                latencies.Add(end - start);
            }
        }

        return latencies;
    }
}
