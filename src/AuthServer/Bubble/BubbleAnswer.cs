using System.Collections.Immutable;

namespace AuthServer.Bubble;

/// <summary>What a Bubble app said about a token, reduced to what the token endpoint must do about it.</summary>
public abstract record BubbleAnswer
{
    /// <summary>
    /// 200 with a user: only what a token may carry (the id, the email and the client's BubbleClaims,
    /// already mapped), so nothing else of Bubble's answer is kept or cached.
    /// </summary>
    public sealed record User(string UserId, string? Email, ImmutableArray<BubbleField> Fields) : BubbleAnswer
    {
        /// <summary>Roughly what this answer occupies in memory: two bytes a character plus object headers.</summary>
        public long SizeInBytes => 64 + 2L * (UserId.Length + (Email?.Length ?? 0)) + Fields.Sum(f => f.SizeInBytes);
    }

    /// <summary>200 with an empty user_id: an admin key, not a user.</summary>
    public sealed record NoUser : BubbleAnswer;

    /// <summary>401: invalid, expired or logged out.</summary>
    public sealed record Rejected(int StatusCode) : BubbleAnswer;

    /// <summary>
    /// 400, 404, an unreadable or oversized 200, an app on a private address: the workflow is missing or misconfigured.
    /// <paramref name="CauseLogged"/> when the event that says the real cause was logged already (a user id of another
    /// shape, an oversized answer, a private address...), so the caller adds no generic line that would point elsewhere.
    /// </summary>
    public sealed record Misconfigured(int StatusCode, bool CauseLogged = false) : BubbleAnswer;

    /// <summary>429, 5xx, timeout, refused connection, open breaker: try again later.</summary>
    public sealed record Unavailable(string Reason, TimeSpan RetryAfter) : BubbleAnswer;
}
