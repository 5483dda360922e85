namespace AuthServer.Storage.Sessions;

/// <summary>
/// One refresh chain of a Bubble user, begun by a token exchange: who it is for, when it began, when it must end
/// whatever its use, and the Bubble token it came from, so that a refresh can ask Bubble whether that login still
/// holds. Keyed by the chain's OpenIddict authorization; deleted when the chain ends.
/// </summary>
public sealed class UserSession
{
    /// <summary>The OpenIddict authorization every token of the chain shares.</summary>
    public required string AuthorizationId { get; set; }

    public required string ClientId { get; set; }

    /// <summary>The Bubble app (and version) whose user this is: users of two apps never meet.</summary>
    public required string BubbleAppUrl { get; set; }

    /// <summary>Bubble's unique id of the user, the tokens' <c>sub</c>.</summary>
    public required string UserId { get; set; }

    /// <summary>Lower-cased, as Bubble matches emails; null when whoami gave none.</summary>
    public string? Email { get; set; }

    public DateTime CreatedUtc { get; set; }

    /// <summary>The absolute end: no refresh after it, however often the chain is used.</summary>
    public DateTime EndsUtc { get; set; }

    /// <summary>Not stored: filled from the chain's newest refresh token when sessions are listed (null: never refreshed).</summary>
    public DateTime? LastRefreshedUtc { get; set; }


    /// <summary>
    /// The exchange's Bubble token, encrypted with Data Protection (never in clear, never logged, never in a token);
    /// null when the client does not check the Bubble session.
    /// </summary>
    public string? ProtectedSubjectToken { get; set; }
}
