using System.Collections.Concurrent;
using System.Security.Cryptography;

namespace BubbleSimulator;

/// <param name="RawResponse">
/// Fault injection: the <c>response</c> object whoami answers, as raw JSON text written as it is (a hostile or broken
/// app: a lone UTF-16 surrogate escape, a user id of another shape); null for the usual answer built from the user.
/// </param>
public sealed record SimulatedUser(string Id, string Email, string Password, IReadOnlyDictionary<string, object?> Fields,
    string? RawResponse = null);

public sealed class SimulatedToken(string value, string userId, DateTimeOffset issued, TimeSpan lifetime)
{
    public string Value { get; } = value;
    public string UserId { get; } = userId;
    public DateTimeOffset Expires { get; } = issued + lifetime;
    public DateTimeOffset LastUsed { get; set; } = issued;
    public bool Revoked { get; set; }
}

/// <summary>
/// One Bubble database: live and version-test each have their own users and tokens, as in Bubble.
/// Tokens expire at their lifetime, or after 30 days unused; each use extends the idle window.
/// </summary>
public sealed class BubbleApp(string name, TimeProvider clock)
{
    public static readonly TimeSpan IdleExpiry = TimeSpan.FromDays(30);

    private readonly ConcurrentDictionary<string, SimulatedUser> _usersByEmail = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<string, SimulatedToken> _tokens = new(StringComparer.Ordinal);

    public string Name { get; } = name;

    /// <param name="id">The user's unique id; a new one of Bubble's shape when null (a test may play an app that answers another's id).</param>
    /// <param name="rawResponse">See <see cref="SimulatedUser.RawResponse"/>.</param>
    public SimulatedUser AddUser(string email, string password, IReadOnlyDictionary<string, object?>? fields = null,
        string? id = null, string? rawResponse = null)
    {
        var user = new SimulatedUser(id ?? NewBubbleId(), email, password, fields ?? new Dictionary<string, object?>(), rawResponse);
        _usersByEmail[email] = user;
        return user;
    }

    public SimulatedUser? FindUser(string userId) => _usersByEmail.Values.FirstOrDefault(u => u.Id == userId);

    public SimulatedToken? LogIn(string email, string password, TimeSpan lifetime)
    {
        if (!_usersByEmail.TryGetValue(email, out var user) || user.Password != password)
        {
            return null;
        }

        var token = new SimulatedToken($"bus|{NewBubbleId()}|{NewBubbleId()}", user.Id, clock.GetUtcNow(), lifetime);
        _tokens[token.Value] = token;
        return token;
    }

    /// <summary>The user behind a live token, extending its idle window; null for a bad, expired or logged-out token.</summary>
    public SimulatedUser? Use(string tokenValue)
    {
        if (!_tokens.TryGetValue(tokenValue, out var token) || token.Revoked)
        {
            return null;
        }

        var now = clock.GetUtcNow();
        if (now >= token.Expires || now >= token.LastUsed + IdleExpiry)
        {
            return null;
        }

        token.LastUsed = now;
        return FindUser(token.UserId);
    }

    public bool LogOut(string tokenValue)
    {
        if (!_tokens.TryGetValue(tokenValue, out var token)) return false;
        token.Revoked = true;
        return true;
    }

    /// <summary>Bubble's unique ids: 13 digits (a millisecond timestamp), 'x', 18 digits.</summary>
    public static string NewBubbleId() =>
        $"{DateTimeOffset.UtcNow.ToUnixTimeMilliseconds():D13}x{RandomNumberGenerator.GetInt32(100_000_000, 999_999_999):D9}{RandomNumberGenerator.GetInt32(100_000_000, 999_999_999):D9}";
}
