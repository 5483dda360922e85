using AuthServer.Keys;
using AuthServer.Options;
using AuthServer.Storage.Keys;

namespace AuthServer.Tests.Keys;

/// <summary>The key schedule as a pure function of the stored rows and the clock.</summary>
public sealed class KeyTimelineTests
{
    private static readonly DateTime Start = new(2030, 1, 1, 0, 0, 0, DateTimeKind.Utc);
    private static readonly KeyRotationOptions Rotation = new()
    {
        Interval = TimeSpan.FromDays(30), PropagationTime = TimeSpan.FromDays(2), RetentionTime = TimeSpan.FromDays(2),
    };
    private static readonly TimeSpan RefreshTokenLifetime = TimeSpan.FromDays(14);

    [Fact]
    public void Revoking_the_active_key_does_not_move_the_retired_keys_retirement()
    {
        var k1 = Key(1, activates: Start);
        var k2 = Key(2, activates: Start.AddDays(30), revoked: Start.AddDays(31));
        var k3 = Key(3, activates: Start.AddDays(31)); // what KeyManager adds when it revokes the active key

        var k1Status = Evaluate(Start.AddDays(31), k1, k2, k3).Single(s => s.Key == k1);

        Assert.Equal(KeyState.Retired, k1Status.State);
        Assert.Equal(Start.AddDays(30), k1Status.RetiredUtc);
        Assert.Equal(Start.AddDays(32), k1Status.ExpiresUtc);
        Assert.DoesNotContain(k1Status, KeyTimeline.Published(Evaluate(Start.AddDays(32.5), k1, k2, k3)));
    }

    [Fact]
    public void Revoking_the_active_key_never_makes_an_older_key_active_again()
    {
        var k1 = Key(1, activates: Start);
        var k2 = Key(2, activates: Start.AddDays(30), revoked: Start.AddDays(33));

        // The instant between the revocation and its successor, or a node that reads only these two rows.
        var statuses = Evaluate(Start.AddDays(33), k1, k2);

        Assert.Equal(KeyState.Expired, statuses.Single(s => s.Key == k1).State);
        Assert.Empty(KeyTimeline.Published(statuses));
    }

    [Fact]
    public void A_key_revoked_before_it_activated_does_not_retire_its_predecessor()
    {
        var k1 = Key(1, activates: Start);
        var k2 = Key(2, activates: Start.AddDays(30), revoked: Start.AddDays(29));

        var statuses = Evaluate(Start.AddDays(31), k1, k2);

        Assert.Equal(KeyState.Active, statuses.Single(s => s.Key == k1).State);
        Assert.DoesNotContain(statuses, s => s.Key == k2 && KeyTimeline.ValidationOnly(statuses, Start.AddDays(31)).Contains(s));
    }

    [Fact]
    public void An_expired_key_validates_refresh_tokens_until_the_refresh_token_lifetime_after_its_retirement()
    {
        var k1 = Key(1, activates: Start);
        var k2 = Key(2, activates: Start.AddDays(30));

        var afterRetention = Evaluate(Start.AddDays(33), k1, k2);
        var afterRefreshLifetime = Evaluate(Start.AddDays(44), k1, k2);

        Assert.Equal(KeyState.Expired, afterRetention.Single(s => s.Key == k1).State);
        Assert.Contains(afterRetention.Single(s => s.Key == k1), KeyTimeline.ValidationOnly(afterRetention, Start.AddDays(33)));
        Assert.Empty(KeyTimeline.DueForDeletion(afterRetention, Start.AddDays(33)));
        Assert.Empty(KeyTimeline.ValidationOnly(afterRefreshLifetime, Start.AddDays(44)));
        Assert.Equal([k1], KeyTimeline.DueForDeletion(afterRefreshLifetime, Start.AddDays(44)).Select(s => s.Key));
    }

    private static IReadOnlyList<KeyStatus> Evaluate(DateTime now, params StoredKey[] keys) =>
        KeyTimeline.Evaluate(keys, now, Rotation, RefreshTokenLifetime);

    private static StoredKey Key(long generation, DateTime activates, DateTime? revoked = null) => new()
    {
        Id = $"k{generation}",
        Use = KeyUse.Signing,
        Generation = generation,
        Algorithm = SigningAlgorithms.RS256,
        ProtectedKey = "",
        CreatedUtc = activates.AddDays(-2),
        ActivatesUtc = activates,
        RevokedUtc = revoked,
    };
}
