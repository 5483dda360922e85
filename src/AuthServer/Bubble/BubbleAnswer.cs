using System.Text.Json;

namespace AuthServer.Bubble;

/// <summary>What a Bubble app said about a token, reduced to what the token endpoint must do about it.</summary>
public abstract record BubbleAnswer
{
    /// <summary>200 with a user: the fields of the workflow's response.</summary>
    public sealed record User(string UserId, string? Email, JsonElement Fields) : BubbleAnswer;

    /// <summary>200 with an empty user_id: an admin key, not a user.</summary>
    public sealed record NoUser : BubbleAnswer;

    /// <summary>401: invalid, expired or logged out.</summary>
    public sealed record Rejected(int StatusCode) : BubbleAnswer;

    /// <summary>400, 404 or an unreadable 200: the workflow is missing or misconfigured.</summary>
    public sealed record Misconfigured(int StatusCode) : BubbleAnswer;

    /// <summary>429, 5xx, timeout, refused connection, open breaker: try again later.</summary>
    public sealed record Unavailable(string Reason, TimeSpan RetryAfter) : BubbleAnswer;
}
