namespace AuthServer.Bubble;

/// <summary>
/// How much of a Bubble answer AuthServer reads and keeps (documented in docs/bubble.md). A whoami that
/// returns more is misconfigured: it should return user_id, email and the fields of BubbleClaims.
/// </summary>
public static class BubbleLimits
{
    /// <summary>The whole answer, whatever its framing (Content-Length or chunked): over it is a configuration fault.</summary>
    public const int MaxAnswerBytes = 256 * 1024;

    /// <summary>Bubble ids are 32 characters; an id beyond this is not one, so the answer is a configuration fault.</summary>
    public const int MaxUserIdLength = 256;

    /// <summary>RFC 5321 caps an address path at 256 octets; longer is a configuration fault.</summary>
    public const int MaxEmailLength = 320;

    /// <summary>A string field of BubbleClaims longer than this is left out of the token, with a warning.</summary>
    public const int MaxClaimLength = 1024;

    /// <summary>
    /// Text that can go into a token and a log line as it is: no control characters (a newline would
    /// forge log lines) and no bidirectional overrides (they disguise what a reader sees).
    /// </summary>
    public static bool IsPlainText(string value) =>
        IsWellFormed(value) && !value.Any(c => char.IsControl(c) || c is >= '\u202a' and <= '\u202e' or >= '\u2066' and <= '\u2069');

    /// <summary>
    /// Whether every surrogate is half of a pair: a lone one is no character, and UTF-8 (JWT, JSON, logs) cannot
    /// encode it, so writers throw or silently turn it into U+FFFD.
    /// </summary>
    public static bool IsWellFormed(string value)
    {
        for (var i = 0; i < value.Length; i++)
        {
            if (char.IsHighSurrogate(value[i]) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(value[i]))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>All cached answers together, in bytes; when full, new answers are simply not cached.</summary>
    public const long CacheBytes = 16 * 1024 * 1024;
}
