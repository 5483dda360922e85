using AuthServer.Options;
using AuthServer.Sessions;
using AuthServer.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using OpenIddict.EntityFrameworkCore.Models;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace AuthServer.Operations.Pruning;

/// <summary>
/// Deletes what can no longer be used: expired tokens (whatever their status), then ad-hoc or revoked
/// authorizations left without tokens. A redeemed refresh token that has not expired is kept, since
/// its replay must still be recognised and revoke its chain. Then the Bubble sessions of chains gone or past their absolute end. Clients and keys are never touched.
/// Each step is one set-based delete, so nodes running it at once do not conflict. A token row is kept
/// one access-token lifetime past its expiry: access tokens have no rows, and the chain's authorization
/// (which lives as long as its tokens) is what lets introspection see that chain revoked, so it must
/// outlive every access token of the chain even when refresh tokens are configured to live shorter.
/// </summary>
/// <remarks>OpenIddict's own PruneAsync removes every redeemed token older than one threshold, which would forget redeemed refresh tokens that can still be replayed.</remarks>
public sealed class TokenPruner(AuthDbContext db, TimeProvider clock, IOptions<AuthOptions> auth)
{
    public async Task<(int Tokens, int Authorizations)> PruneAsync(CancellationToken cancellationToken = default)
    {
        var cutoff = clock.GetUtcNow().UtcDateTime - auth.Value.AccessTokenLifetime;
        db.Database.SetCommandTimeout(TimeSpan.FromMinutes(5)); // a first prune of a large table takes longer than a request's commands
        var tokens = await db.Set<OpenIddictEntityFrameworkCoreToken>()
            .Where(t => t.ExpirationDate != null && t.ExpirationDate < cutoff)
            .ExecuteDeleteAsync(cancellationToken);

        var authorizations = await db.Set<OpenIddictEntityFrameworkCoreAuthorization>()
            .Where(a => (a.Type == AuthorizationTypes.AdHoc || a.Status == Statuses.Revoked) && !a.Tokens.Any())
            .ExecuteDeleteAsync(cancellationToken);

        // A session row outlives neither its chain nor its absolute end, with the Bubble token it keeps.
        await new UserSessionStore(db).PruneAsync(clock.GetUtcNow().UtcDateTime, cancellationToken);
        return (tokens, authorizations);
    }
}
