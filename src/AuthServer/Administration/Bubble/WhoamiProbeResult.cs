using System.Collections.Immutable;

namespace AuthServer.Administration.Bubble;

/// <summary>How "Test whoami" classifies Bubble's answer: the token endpoint's own classes, plus the cases asked before any call.</summary>
public enum WhoamiOutcome
{
    /// <summary>A user: an exchange of this token would succeed.</summary>
    User,

    /// <summary>401, or an empty user_id (an admin key): an exchange would answer invalid_request (RFC 8693 §2.2.2).</summary>
    Rejected,

    /// <summary>The workflow is missing or answers wrongly: an exchange would answer server_error.</summary>
    Misconfigured,

    /// <summary>429, 5xx, timeout, unreachable: an exchange would answer 503 temporarily_unavailable.</summary>
    Unavailable,

    /// <summary>No client has this id; nothing was called.</summary>
    UnknownClient,

    /// <summary>The client is bound to no Bubble app, so it cannot exchange Bubble tokens; nothing was called.</summary>
    NoBubbleApp,

    /// <summary>What was pasted cannot be a Bubble token (empty, spaces, non-ASCII); nothing was called.</summary>
    NotAToken,
}

/// <summary>
/// The answer of <see cref="WhoamiProbe"/>. It never holds the pasted token: <paramref name="Explanation"/> says
/// which Bubble setting to look at, <paramref name="Claims"/> are those an access token would carry (sub, email,
/// the client's Bubble claims as mapped) and <paramref name="Warnings"/> name each Bubble claim left out, and why.
/// </summary>
public sealed record WhoamiProbeResult(
    WhoamiOutcome Outcome,
    string Explanation,
    string? WhoamiUrl,
    ImmutableArray<ProbedClaim> Claims,
    ImmutableArray<string> Warnings)
{
    public static WhoamiProbeResult Without(WhoamiOutcome outcome, string explanation, string? whoamiUrl = null) =>
        new(outcome, explanation, whoamiUrl, [], []);
}

/// <summary>One claim of the access token an exchange would issue: its name, its value and its JSON type.</summary>
public sealed record ProbedClaim(string Name, string Value, string ValueType);
