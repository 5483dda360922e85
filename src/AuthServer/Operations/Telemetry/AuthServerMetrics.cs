using System.Diagnostics;
using System.Diagnostics.Metrics;
using AuthServer.Bubble;
using AuthServer.Keys;
using AuthServer.Options;

namespace AuthServer.Operations.Telemetry;

/// <summary>
/// The <c>AuthServer</c> meter. Recording is lock-free and allocates nothing: tags go on the stack
/// (an instrument nobody listens to returns at once). Attributes are bounded sets (grant, error code,
/// outcome, reason) or the id of a registered client; never a token, a secret or a subject.
/// Issued tokens and Bubble answers also go to this node's <see cref="ActivityWindow"/> (the console's last hour).
/// </summary>
public sealed class AuthServerMetrics
{
    public const string MeterName = "AuthServer";

    private readonly Counter<long> _tokensIssued;
    private readonly Counter<long> _tokenErrors;
    private readonly Histogram<double> _bubbleCallDuration;
    private readonly Counter<long> _bubbleCacheHits;
    private readonly Counter<long> _refreshReplays;
    private readonly Counter<long> _rateLimitRejections;
    private readonly Counter<long> _keyRotations;
    private readonly Counter<long> _keyRevocations;
    private readonly ActivityWindow _activity;

    public AuthServerMetrics(IMeterFactory meters, KeyRing keys, TimeProvider clock, ActivityWindow activity)
    {
        _activity = activity;
        var meter = meters.Create(MeterName);
        _tokensIssued = meter.CreateCounter<long>("authserver.tokens.issued", "{response}",
            "Token responses with an access token, by grant and client.");
        _tokenErrors = meter.CreateCounter<long>("authserver.token.errors", "{response}",
            "Token endpoint error responses, by OAuth error code and client (unknown for an id no client has).");
        _bubbleCallDuration = meter.CreateHistogram<double>("authserver.bubble.call.duration", "s",
            "Bubble whoami calls, retries included, by outcome.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10] });
        _bubbleCacheHits = meter.CreateCounter<long>("authserver.bubble.cache.hits", "{hit}",
            "Subject tokens answered from the Bubble answer cache, without a call.");
        _refreshReplays = meter.CreateCounter<long>("authserver.refresh.replays", "{replay}",
            "Rotated refresh tokens presented again after the leeway; each revoked its chain.");
        _rateLimitRejections = meter.CreateCounter<long>("authserver.rate_limit.rejections", "{request}",
            "Requests refused by the per-client request limit (rate) or the failed-authentication lockout (lockout).");
        _keyRotations = meter.CreateCounter<long>("authserver.keys.rotations", "{key}",
            "Signing keys created by this process to succeed another.");
        _keyRevocations = meter.CreateCounter<long>("authserver.keys.revocations", "{key}",
            "Signing keys revoked by this process.");
        meter.CreateObservableGauge("authserver.keys.active.age", () => ActiveKeyAge(keys, clock), "s",
            "Time since the active signing key began to sign, as this node's key ring has it.");
    }

    public void TokenIssued(string grantType, string clientId)
    {
        _tokensIssued.Add(1, new KeyValuePair<string, object?>("grant_type", grantType), new("client_id", clientId));
        _activity.Record(grantType switch
        {
            GrantNames.TokenExchange => ActivityCounter.TokenExchange,
            GrantNames.RefreshToken => ActivityCounter.RefreshToken,
            GrantNames.ClientCredentials => ActivityCounter.ClientCredentials,
            _ => ActivityCounter.OtherGrant,
        });
    }

    public void TokenError(string error, string clientId) =>
        _tokenErrors.Add(1, new KeyValuePair<string, object?>("error", error), new("client_id", clientId));

    public void BubbleCall(long startTimestamp, BubbleAnswer answer)
    {
        var (outcome, counter) = Outcome(answer);
        _bubbleCallDuration.Record(Stopwatch.GetElapsedTime(startTimestamp).TotalSeconds,
            new KeyValuePair<string, object?>("outcome", outcome));
        _activity.Record(counter);
    }

    public void BubbleCacheHit()
    {
        _bubbleCacheHits.Add(1);
        _activity.Record(ActivityCounter.BubbleCacheHit);
    }

    public void RefreshReplay(string clientId) => _refreshReplays.Add(1, new KeyValuePair<string, object?>("client_id", clientId));

    public void RateLimited(bool lockout) =>
        _rateLimitRejections.Add(1, new KeyValuePair<string, object?>("reason", lockout ? "lockout" : "rate"));

    public void KeyRotated() => _keyRotations.Add(1);

    public void KeyRevoked() => _keyRevocations.Add(1);

    /// <summary>An empty user_id (an admin key) signs nobody in, like a 401: both are <c>rejected</c>.</summary>
    private static (string Tag, ActivityCounter Counter) Outcome(BubbleAnswer answer) => answer switch
    {
        BubbleAnswer.User => ("user", ActivityCounter.BubbleUser),
        BubbleAnswer.Rejected or BubbleAnswer.NoUser => ("rejected", ActivityCounter.BubbleRejected),
        BubbleAnswer.Misconfigured => ("misconfigured", ActivityCounter.BubbleMisconfigured),
        _ => ("unavailable", ActivityCounter.BubbleUnavailable),
    };

    private static IEnumerable<Measurement<double>> ActiveKeyAge(KeyRing keys, TimeProvider clock) =>
        keys.Current.ActiveSinceUtc is { } since
            ? [new Measurement<double>(Math.Max(0, (clock.GetUtcNow().UtcDateTime - since).TotalSeconds))]
            : [];
}
