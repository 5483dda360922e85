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

    public SimulatedUser? FindUserByEmail(string email) => _usersByEmail.GetValueOrDefault(email);

    /// <summary>A token as the simulator holds it (its expiry, last use, revocation), or null when it never existed.</summary>
    public SimulatedToken? FindToken(string tokenValue) => _tokens.GetValueOrDefault(tokenValue);

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

        // A deleted user's token answers as a logged-out one: Bubble knows no user behind it.
        var user = FindUser(token.UserId);
        if (user is null)
        {
            return null;
        }

        token.LastUsed = now;
        return user;
    }

    public bool LogOut(string tokenValue)
    {
        if (!_tokens.TryGetValue(tokenValue, out var token)) return false;
        token.Revoked = true;
        return true;
    }

    /// <summary>
    /// Bubble's "Log out other user's sessions": every token of <paramref name="userId"/> stops working, except
    /// <paramref name="keepToken"/> (the session that ran the action, as Bubble keeps the current one). Returns how
    /// many tokens it ended; running it again ends none.
    /// </summary>
    public int LogOutOtherSessions(string userId, string? keepToken = null)
    {
        var ended = 0;
        foreach (var token in _tokens.Values.Where(t => t.UserId == userId && !t.Revoked && t.Value != keepToken))
        {
            token.Revoked = true;
            ended++;
        }

        return ended;
    }

    /// <summary>Deletes a user (as "Delete thing" on a User, or the editor's data tab): its tokens stop working with it.</summary>
    public bool DeleteUser(string userId)
    {
        var user = FindUser(userId);
        if (user is null || !_usersByEmail.TryRemove(new KeyValuePair<string, SimulatedUser>(user.Email, user)))
        {
            return false;
        }

        LogOutOtherSessions(userId);
        return true;
    }

    /// <summary>Bubble's unique ids: 13 digits (a millisecond timestamp), 'x', 18 digits.</summary>
    public static string NewBubbleId() =>
        $"{DateTimeOffset.UtcNow.ToUnixTimeMilliseconds():D13}x{RandomNumberGenerator.GetInt32(100_000_000, 999_999_999):D9}{RandomNumberGenerator.GetInt32(100_000_000, 999_999_999):D9}";
}
