
namespace AuthServer.Operations.Telemetry;

/// <summary>
/// The last hour on this node (<see cref="ActivityWindow"/>): counts are per node, never the cluster's,
/// and start at zero when the node starts. <paramref name="Since"/> is the start of the oldest minute counted.
/// </summary>
public sealed record ActivitySnapshot(DateTimeOffset Since, DateTimeOffset Until, TokensIssued Tokens, BubbleAnswers Bubble);

/// <summary>Token responses carrying an access token, by grant (the names of configuration).</summary>
public sealed record TokensIssued(long TokenExchange, long RefreshToken, long ClientCredentials, long Other)
{
    public long Total => TokenExchange + RefreshToken + ClientCredentials + Other;
}

/// <summary>
/// Bubble's answers to whoami calls, by the outcome the token endpoint acts on: a user; rejected (401, or an empty
/// user_id: an admin key); misconfigured (the workflow is missing or answers wrongly: a builder's fix);
/// unavailable (429, 5xx, timeout, unreachable). <paramref name="CacheHits"/> are subject tokens answered from the
/// answer cache without a call. A misconfigured count above zero is the one to act on.
/// </summary>
public sealed record BubbleAnswers(long User, long Rejected, long Misconfigured, long Unavailable, long CacheHits)
{
    public long Calls => User + Rejected + Misconfigured + Unavailable;
}
