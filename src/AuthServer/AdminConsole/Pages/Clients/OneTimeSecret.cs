using System.Collections.Concurrent;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Mvc.ViewFeatures;

namespace AuthServer.AdminConsole.Pages.Clients;

/// <summary>
/// A new secret between the POST that made it and the page that shows it (POST-redirect-GET). The secret stays in
/// this node's memory under a random id; only the id travels, in TempData (an encrypted cookie scoped to the
/// console, <see cref="AdminTempData"/>). The first read removes the entry, atomically, so "shown once" holds on
/// the server: a reload, the back button, or a captured copy of the cookie replayed later finds nothing. Only the
/// admin who made it may take it, and an entry not taken within <see cref="Lifetime"/> is dropped. The secret is
/// never logged. Being in memory, the page must come from the node that made the secret, which is how a browser's
/// redirect normally goes (the same connection); otherwise the page says it is gone, and a rotation makes another.
/// </summary>
public sealed class OneTimeSecret(TimeProvider clock)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(10);

    /// <summary>Admins are few; the bound only keeps a runaway script from filling memory.</summary>
    private const int Capacity = 1_000;

    private const string IdKey = "clients.secret.id";

    private readonly ConcurrentDictionary<string, Held> _held = new(StringComparer.Ordinal);

    public void Hold(ITempDataDictionary tempData, string admin, string clientId, string secret, string what)
    {
        var now = clock.GetUtcNow();
        foreach (var (key, entry) in _held)
        {
            if (entry.Until <= now) _held.TryRemove(key, out _);
        }

        if (_held.Count >= Capacity && _held.MinBy(e => e.Value.Until) is { Key: { } oldest })
        {
            _held.TryRemove(oldest, out _);
        }

        var id = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        _held[id] = new Held(admin, clientId, secret, what, now + Lifetime);
        tempData[IdKey] = id;
    }

    /// <summary>
    /// The held secret, once, for the admin who made it; null when it was shown already, expired, or never held here.
    /// Another admin's read (a replayed copy of the cookie) leaves it in place for its owner.
    /// </summary>
    public (string ClientId, string Secret, string What)? Take(ITempDataDictionary tempData, string admin) =>
        tempData[IdKey] is string id && _held.TryGetValue(id, out var held) && held.Admin == admin
        && _held.TryRemove(KeyValuePair.Create(id, held)) && held.Until > clock.GetUtcNow()
            ? (held.ClientId, held.Secret, held.What)
            : null;

    /// <summary>
    /// <see cref="Take"/>, but only a secret held for <paramref name="clientId"/>: the Bubble setup page of another
    /// client, opened in between, leaves it (and its id in TempData) for the page it was made for.
    /// </summary>
    public (string ClientId, string Secret, string What)? TakeFor(ITempDataDictionary tempData, string admin, string clientId)
    {
        if (tempData.Peek(IdKey) is not string id || !_held.TryGetValue(id, out var held) || held.Admin != admin
            || !string.Equals(held.ClientId, clientId, StringComparison.Ordinal))
        {
            return null;
        }

        tempData.Remove(IdKey);
        return _held.TryRemove(KeyValuePair.Create(id, held)) && held.Until > clock.GetUtcNow()
            ? (held.ClientId, held.Secret, held.What)
            : null;
    }

    private sealed record Held(string Admin, string ClientId, string Secret, string What, DateTimeOffset Until);
}
