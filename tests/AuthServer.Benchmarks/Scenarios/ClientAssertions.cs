using System.Text.Json;
using AuthServer.Benchmarks.Processes;

namespace AuthServer.Benchmarks.Scenarios;

/// <summary>
/// RFC 7523 client assertions of the private_key_jwt client, made before a side is measured so that signing them (about
/// as costly as the token the server signs) does not compete with the server inside the measured window. A pool of
/// <see cref="ForAuthServer"/> holds a fresh assertion (its own <c>jti</c>) for every request, since AuthServer accepts
/// each once; should the load outrun it, the rest are signed on demand, and the harness says so.
/// The baseline keeps no record of <c>jti</c>s, so a repeated assertion costs it the same: its pool is smaller and cycles.
/// </summary>
public sealed class ClientAssertions
{
    /// <summary>Assertions per second of load the AuthServer side's pool is made for (far above the row's rate so far).</summary>
    public const int PlannedRate = 1_500;

    /// <summary>The baseline side's pool: enough that every worker sends different bytes from the others.</summary>
    public const int BaselinePoolSize = 4_096;

    private readonly string[] _pool;
    private readonly bool _cycle;
    private readonly string _audience;
    private long _next = -1;
    private long _signedDuringLoad;

    private ClientAssertions(string audience, int count, bool cycle)
    {
        _audience = audience;
        _cycle = cycle;
        _pool = new string[count];
        Parallel.For(0, count, i => _pool[i] = Create(audience));
    }

    /// <summary>A fresh pool of unique assertions for one AuthServer side (warm-up and measurement included).</summary>
    public static ClientAssertions ForAuthServer(string audience, int count) => new(audience, count, cycle: false);

    public static ClientAssertions ForBaseline(string audience) => new(audience, BaselinePoolSize, cycle: true);

    public string Next()
    {
        var index = Interlocked.Increment(ref _next);
        if (index < _pool.Length || _cycle)
        {
            return _pool[index % _pool.Length];
        }

        if (Interlocked.Increment(ref _signedDuringLoad) == 1)
        {
            Console.Error.WriteLine($"  All {_pool.Length} pre-signed client assertions used: the rest are signed during the load, "
                + "which then measures the load generator too (raise ClientAssertions.PlannedRate).");
        }

        return Create(_audience);
    }

    /// <summary>iss = sub = the client id, aud = the issuer, a two-minute exp and a unique jti (RFC 7523 §3).</summary>
    private static string Create(string audience)
    {
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        return BenchClientKey.Sign(JsonSerializer.Serialize(new
        {
            iss = BenchClients.PrivateKeyJwtClient,
            sub = BenchClients.PrivateKeyJwtClient,
            aud = audience,
            iat = now,
            exp = now + 120,
            jti = Guid.NewGuid().ToString("N"),
        }));
    }
}
