
namespace AuthServer.Operations.Telemetry;

/// <summary>What <see cref="ActivityWindow"/> counts: issued tokens by grant, Bubble answers by outcome.</summary>
public enum ActivityCounter
{
    TokenExchange,
    RefreshToken,
    ClientCredentials,
    OtherGrant,
    BubbleUser,
    BubbleRejected,
    BubbleMisconfigured,
    BubbleUnavailable,
    BubbleCacheHit,
}

internal static class ActivityCounters
{
    public static readonly int Count = Enum.GetValues<ActivityCounter>().Length;
}
