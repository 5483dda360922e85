namespace AuthServer.Bubble;

/// <summary>
/// Bubble's unique ids: digits, <c>x</c>, digits (<c>1234567890123x123456789012345678</c>; shared/BUBBLE-FACTS.md).
/// A cheap guard on both sides of the token's <c>sub</c>: a whoami user id of another shape is a misconfigured or
/// hostile app (it could name a client_credentials client, whose <c>sub</c> is its id), and a client id of this
/// shape is refused, so a script's <c>sub</c> can never be taken for a Bubble user's.
/// </summary>
public static class BubbleIds
{
    /// <summary>Each side is at most this many digits: Bubble's are 13 and 18; longer is no Bubble id.</summary>
    private const int MaxDigits = 32;

    public static bool HasBubbleShape(string? value)
    {
        var x = value?.IndexOf('x', StringComparison.Ordinal) ?? -1;
        return x > 0 && x <= MaxDigits && value!.Length - x - 1 is > 0 and <= MaxDigits
            && value.AsSpan(0, x).ContainsAnyExceptInRange('0', '9') is false
            && value.AsSpan(x + 1).ContainsAnyExceptInRange('0', '9') is false;
    }
}
