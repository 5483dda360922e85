namespace AuthServer.Bubble;

/// <summary>A field of BubbleClaims that Bubble's answer held but no token can carry, and why (as logged by 3004/3011).</summary>
public sealed record BubbleClaimDrop(string Field, string Reason);
