using AuthServer.Storage;
using AuthServer.Storage.Sessions;
using Microsoft.EntityFrameworkCore;
using OpenIddict.EntityFrameworkCore.Models;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace AuthServer.Sessions;

/// <summary>Who to look for: a Bubble user id or an email, within one Bubble app or all of them.</summary>
public sealed record SessionQuery(string? UserId = null, string? Email = null, string? BubbleAppUrl = null, string? ClientId = null);

/// <summary>The rows of <c>UserSessions</c>: one per refresh chain begun by a token exchange.</summary>
public sealed class UserSessionStore(AuthDbContext db)
{
    /// <summary>At most this many sessions of one user are listed; more means a user who never logs out, or a script.</summary>
    public const int MaxListed = 500;

    public async Task AddAsync(UserSession session, CancellationToken cancellationToken)
    {
        db.UserSessions.Add(session);
        await db.SaveChangesAsync(cancellationToken);
        db.Entry(session).State = EntityState.Detached;
    }

    public Task<UserSession?> FindAsync(string authorizationId, CancellationToken cancellationToken) =>
        db.UserSessions.AsNoTracking().FirstOrDefaultAsync(s => s.AuthorizationId == authorizationId, cancellationToken);

    /// <summary>Forgets a chain that ended, with the Bubble token it kept.</summary>
    public Task<int> DeleteAsync(string authorizationId, CancellationToken cancellationToken) =>
        db.UserSessions.Where(s => s.AuthorizationId == authorizationId).ExecuteDeleteAsync(cancellationToken);

    /// <summary>The sessions <paramref name="query"/> names, newest first; none when it names no user.</summary>
    public async Task<IReadOnlyList<UserSession>> ListAsync(SessionQuery query, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(query.UserId) && string.IsNullOrEmpty(query.Email))
        {
            return [];
        }

        var sessions = db.UserSessions.AsNoTracking();
        if (!string.IsNullOrEmpty(query.UserId))
        {
            sessions = sessions.Where(s => s.UserId == query.UserId);
        }

        if (!string.IsNullOrEmpty(query.Email))
        {
            var email = NormalizeEmail(query.Email);
            sessions = sessions.Where(s => s.Email == email);
        }

        if (!string.IsNullOrEmpty(query.BubbleAppUrl))
        {
            sessions = sessions.Where(s => s.BubbleAppUrl == query.BubbleAppUrl);
        }

        if (!string.IsNullOrEmpty(query.ClientId))
        {
            sessions = sessions.Where(s => s.ClientId == query.ClientId);
        }

        var found = await sessions.OrderByDescending(s => s.CreatedUtc).Take(MaxListed).ToListAsync(cancellationToken);
        await FillLastRefreshAsync(found, cancellationToken);
        return found;
    }

    /// <summary>
    /// A refresh writes no session row (it would cost every refresh a write): the chain's newest refresh token, issued
    /// by its last refresh, tells when that was. Null for a chain not refreshed yet.
    /// </summary>
    private async Task FillLastRefreshAsync(List<UserSession> found, CancellationToken cancellationToken)
    {
        var ids = found.Select(s => s.AuthorizationId).ToList();
        var newest = await db.Set<OpenIddictEntityFrameworkCoreToken>()
            .Where(t => t.Authorization != null && ids.Contains(t.Authorization.Id!) && (t.Type == TokenTypeIdentifiers.RefreshToken || t.Type == TokenTypeHints.RefreshToken))
            .GroupBy(t => t.Authorization!.Id!)
            .Select(g => new { Id = g.Key, Count = g.Count(), Newest = g.Max(t => t.CreationDate) })
            .ToDictionaryAsync(g => g.Id, cancellationToken);
        foreach (var session in found)
        {
            session.LastRefreshedUtc = newest.TryGetValue(session.AuthorizationId, out var tokens) && tokens.Count > 1 ? tokens.Newest : null;
        }
    }

    /// <summary>Deletes the sessions past their absolute end, and those whose chain is gone (expired unused, then pruned).</summary>
    public Task<int> PruneAsync(DateTime nowUtc, CancellationToken cancellationToken) =>
        db.UserSessions
            .Where(s => s.EndsUtc < nowUtc
                || !db.Set<OpenIddictEntityFrameworkCoreAuthorization>().Any(a => a.Id == s.AuthorizationId && a.Status == Statuses.Valid))
            .ExecuteDeleteAsync(cancellationToken);

    /// <summary>Bubble matches emails without regard to case; so does the search.</summary>
    public static string NormalizeEmail(string email) => email.Trim().ToLowerInvariant();
}
