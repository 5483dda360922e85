using System.Threading.RateLimiting;
using AuthServer.Options;
using Microsoft.Extensions.Options;
using AuthServer.Operations.Telemetry;

namespace AuthServer.Protocol.Guards;

/// <summary>
/// Per client id: a token bucket for requests, and a sliding window of failed authentications that,
/// once full, refuses the client id until failures age out, so a secret cannot be guessed at speed.
/// Bubble calls come from Bubble's shared servers, so limits follow the client id, not the IP address.
/// Only client ids that exist have state of their own: every id no client has shares one bucket, and
/// failures are tracked only for client ids that exist (the recorder checks), so the limiter's memory is
/// bounded by the number of clients, whatever ids are sent. Subject tokens a Bubble app rejects fill a
/// second window, which holds back that client's token exchanges.
/// </summary>
public sealed class ClientLimiter : IDisposable
{
    private readonly PartitionedRateLimiter<string> _requests;
    private readonly FailureWindows _failedAuthentications;
    private readonly FailureWindows _rejectedSubjectTokens;
    private readonly bool _enabled;
    private readonly AuthServerMetrics _metrics;
    private int _requestPartitionsCreated;

    /// <summary>
    /// The bucket every client id that no client has shares. No client id holds a control character
    /// (<see cref="Clients.ClientRules.CanNameAClient"/>), so no client's own bucket can be this one.
    /// </summary>
    private const string UnknownClients = "\u0000unknown";

    public ClientLimiter(IOptions<RateLimitOptions> options, AuthServerMetrics metrics)
    {
        _metrics = metrics;
        var limits = options.Value;
        _enabled = limits.Enabled;
        _requests = PartitionedRateLimiter.Create<string, string>(client => RateLimitPartition.GetTokenBucketLimiter(client, _ =>
        {
            Interlocked.Increment(ref _requestPartitionsCreated);
            return new TokenBucketRateLimiterOptions
            {
                TokenLimit = limits.RequestsPerMinute,
                TokensPerPeriod = Math.Max(1, limits.RequestsPerMinute / 60),
                ReplenishmentPeriod = TimeSpan.FromSeconds(limits.RequestsPerMinute >= 60 ? 1 : 60.0 / limits.RequestsPerMinute),
                QueueLimit = 0,
                AutoReplenishment = true,
            };
        }));
        _failedAuthentications = new FailureWindows(limits.FailedAuthenticationsBeforeLockout, limits.LockoutWindow);
        _rejectedSubjectTokens = new FailureWindows(limits.RejectedSubjectTokensBeforeThrottle, limits.LockoutWindow);
    }

    public TimeSpan LockoutRetryAfter => _failedAuthentications.RetryAfter;

    /// <summary>How many client ids have a failure window: at most the number of clients, never one per id sent.</summary>
    internal int TrackedFailureWindows => _failedAuthentications.Count;

    /// <summary>How many request buckets were ever made: one per client that made requests, and one for all unknown ids.</summary>
    internal int RequestPartitionsCreated => Volatile.Read(ref _requestPartitionsCreated);

    public bool Enabled => _enabled;

    /// <summary>
    /// Null when the request may go on; otherwise how long the client should wait. A client id that no
    /// client has (<paramref name="isKnownClient"/> false) draws from the bucket all such ids share. Rejected
    /// subject tokens hold back only token exchanges, so a Bubble app's client that is being abused for
    /// guesses still refreshes its users' sessions.
    /// </summary>
    public TimeSpan? TryAcquire(string clientId, bool isKnownClient, bool isTokenExchange = false)
    {
        if (!_enabled)
        {
            return null;
        }

        if (!isKnownClient)
        {
            return Acquire(UnknownClients);
        }

        if (_failedAuthentications.IsFull(clientId))
        {
            _metrics.RateLimited(lockout: true);
            return _failedAuthentications.RetryAfter;
        }

        if (isTokenExchange && _rejectedSubjectTokens.IsFull(clientId))
        {
            _metrics.RateLimited(lockout: true); // a lockout of the exchange grant, by rejected subject tokens
            return _rejectedSubjectTokens.RetryAfter;
        }

        return Acquire(clientId);
    }

    private TimeSpan? Acquire(string partition)
    {
        using var lease = _requests.AttemptAcquire(partition);
        if (lease.IsAcquired)
        {
            return null;
        }

        _metrics.RateLimited(lockout: false);
        return lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : TimeSpan.FromSeconds(1);
    }

    /// <summary>Only for a client id that exists; see <see cref="FailedAuthenticationRecorder{TContext}"/>.</summary>
    public void RecordFailedAuthentication(string clientId)
    {
        if (_enabled)
        {
            _failedAuthentications.Record(clientId);
        }
    }

    /// <summary>A subject token the client's Bubble app rejected (or had just rejected): a guess, or a client gone wrong.</summary>
    public void RecordRejectedSubjectToken(string clientId)
    {
        if (_enabled)
        {
            _rejectedSubjectTokens.Record(clientId);
        }
    }

    public void Dispose()
    {
        _requests.Dispose();
        _failedAuthentications.Dispose();
        _rejectedSubjectTokens.Dispose();
    }
}
