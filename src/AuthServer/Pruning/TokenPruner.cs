using AuthServer.Storage;
using Microsoft.EntityFrameworkCore;
using OpenIddict.EntityFrameworkCore.Models;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace AuthServer.Pruning;

/// <summary>
/// Deletes what can no longer be used: expired tokens (whatever their status), then ad-hoc or revoked
/// authorizations left without tokens. A redeemed refresh token that has not expired is kept, since
/// its replay must still be recognised and revoke its chain. Clients and keys are never touched.
/// Each step is one set-based delete, so nodes running it at once do not conflict.
/// </summary>
/// <remarks>OpenIddict's own PruneAsync removes every redeemed token older than one threshold, which would forget redeemed refresh tokens that can still be replayed.</remarks>
public sealed class TokenPruner(AuthDbContext db, TimeProvider clock)
{
    public async Task<(int Tokens, int Authorizations)> PruneAsync(CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var tokens = await db.Set<OpenIddictEntityFrameworkCoreToken>()
            .Where(t => t.ExpirationDate != null && t.ExpirationDate < now)
            .ExecuteDeleteAsync(cancellationToken);

        var authorizations = await db.Set<OpenIddictEntityFrameworkCoreAuthorization>()
            .Where(a => (a.Type == AuthorizationTypes.AdHoc || a.Status == Statuses.Revoked) && !a.Tokens.Any())
            .ExecuteDeleteAsync(cancellationToken);

        return (tokens, authorizations);
    }
}
