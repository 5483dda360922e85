using System.Data.Common;
using AuthServer.Operations.Logging;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using OpenIddict.Abstractions;
using OpenIddict.Core;
using OpenIddict.EntityFrameworkCore.Models;

namespace AuthServer.Storage.ClientSecrets;

/// <summary>
/// OpenIddict's application manager, with a client's rotating secrets (<see cref="ClientSecretRows"/>): every client
/// authentication (token, introspection, revocation, revoke-sessions) asks <see cref="ValidateClientSecretAsync"/>.
/// A client without rows keeps OpenIddict's single secret on its application row, unchanged. A client with rows is
/// authenticated by any live one of them, compared with OpenIddict's own secret hash; an expired or revoked secret is
/// refused exactly as a wrong one (the caller sees the same <c>invalid_client</c>), and logged with its own event
/// (1020, 1021) naming the secret's id, never its value. Both the server and the CLI use it, with or without the engine
/// (whose caching manager extends it).
/// </summary>
public class SecretCheckingApplicationManager(
    IOpenIddictApplicationCache<OpenIddictEntityFrameworkCoreApplication> cache,
    ILogger<OpenIddictApplicationManager<OpenIddictEntityFrameworkCoreApplication>> logger,
    IOptionsMonitor<OpenIddictCoreOptions> options,
    IOpenIddictApplicationStore<OpenIddictEntityFrameworkCoreApplication> store,
    IServiceProvider scope,
    ClientSecretRows secrets,
    TimeProvider clock) : OpenIddictApplicationManager<OpenIddictEntityFrameworkCoreApplication>(cache, logger, options, store)
{
    /// <summary>The request's context, resolved when first needed: a request served from caches needs none at all.</summary>
    protected AuthDbContext Db => field ??= scope.GetRequiredService<AuthDbContext>();

    /// <summary>OpenIddict's secret hash of <paramref name="secret"/>, as stored for a client's single secret.</summary>
    public ValueTask<string> HashSecretAsync(string secret, CancellationToken cancellationToken = default) =>
        ObfuscateClientSecretAsync(secret, cancellationToken);

    public override async ValueTask<bool> ValidateClientSecretAsync(OpenIddictEntityFrameworkCoreApplication application, string secret,
        CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrEmpty(application.ClientId) || string.IsNullOrEmpty(secret))
        {
            return await base.ValidateClientSecretAsync(application, secret, cancellationToken);
        }

        var clientId = application.ClientId;
        var rows = await secrets.GetAsync(Db, clientId, fresh: false, cancellationToken);
        var singleChecked = rows.Count == 0;
        if (singleChecked && await base.ValidateClientSecretAsync(application, secret, cancellationToken))
        {
            return true;
        }

        if (await MatchAsync(rows, secret, cancellationToken) is not { } match)
        {
            // A secret added (or a set-secret made) a moment ago, on another node or by the CLI, is not cached yet:
            // look once more, so callers switching to it lose no request.
            rows = await secrets.GetAsync(Db, clientId, fresh: true, cancellationToken);
            if (rows.Count == 0)
            {
                return !singleChecked && await base.ValidateClientSecretAsync(application, secret, cancellationToken);
            }

            match = await MatchAsync(rows, secret, cancellationToken);
        }

        if (match is null)
        {
            return false;
        }

        var now = clock.GetUtcNow().UtcDateTime;
        switch (match.StateAt(now))
        {
            case ClientSecretState.Live:
                await TouchAsync(clientId, match.Id, cancellationToken);
                return true;
            case ClientSecretState.Expired:
                Logger.ExpiredClientSecretPresented(clientId, match.Id, match.ExpiresUtc!.Value);
                return false;
            default:
                Logger.RevokedClientSecretPresented(clientId, match.Id, match.RevokedUtc!.Value);
                return false;
        }
    }

    private async ValueTask<ClientSecretRow?> MatchAsync(IReadOnlyList<ClientSecretRow> rows, string secret, CancellationToken cancellationToken)
    {
        foreach (var row in rows)
        {
            if (await ValidateClientSecretAsync(secret, row.Hash, cancellationToken))
            {
                return row;
            }
        }

        return null;
    }

    // The last use is for operators deciding what to revoke: it never fails an authentication.
    private async ValueTask TouchAsync(string clientId, string secretId, CancellationToken cancellationToken)
    {
        try
        {
            await secrets.TouchAsync(Db, clientId, secretId, cancellationToken);
        }
        catch (Exception ex) when (ex is DbException or DbUpdateException or TimeoutException)
        {
            Logger.ClientSecretLastUseNotRecorded(clientId, secretId, ex.GetType().Name);
        }
    }
}
