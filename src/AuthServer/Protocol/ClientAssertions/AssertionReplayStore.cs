using System.Security.Cryptography;
using System.Text;
using AuthServer.Storage;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.IdentityModel.Tokens;
using Npgsql;
using OpenIddict.EntityFrameworkCore.Models;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace AuthServer.Protocol.ClientAssertions;

/// <summary>
/// The <c>jti</c>s of accepted assertions, kept in the store every node shares until their assertion has expired, so each
/// is used once across all nodes. A used jti is a row of OpenIddict's token table whose <c>ReferenceId</c> (unique
/// there) is derived from the client id and the jti: the insert itself decides, so of two nodes inserting the same jti
/// at the same instant exactly one succeeds, on SQLite and PostgreSQL alike, and no schema change is needed. The rows
/// carry no subject and a type no token has; <c>TokenPruner</c> deletes them once expired, as it deletes tokens.
/// </summary>
public sealed class AssertionReplayStore(AuthDbContext db, TimeProvider clock)
{
    /// <summary>The type of the rows: no token OpenIddict issues or reads has it.</summary>
    public const string RowType = "urn:authserver:client_assertion_jti";

    /// <summary>True when this is the jti's first use; false when it was used before (a replay).</summary>
    public async Task<bool> TryUseAsync(string clientId, string jti, DateTimeOffset expires, CancellationToken cancellationToken)
    {
        var row = new OpenIddictEntityFrameworkCoreToken
        {
            Id = Guid.NewGuid().ToString(),
            ReferenceId = ReferenceIdOf(clientId, jti),
            Type = RowType,
            Status = Statuses.Redeemed,
            CreationDate = clock.GetUtcNow().UtcDateTime,
            RedemptionDate = clock.GetUtcNow().UtcDateTime,
            // Kept while the assertion could still be accepted: until its exp plus the tolerated clock skew.
            ExpirationDate = (expires + ClientAssertionRules.ClockSkew).UtcDateTime,
        };

        db.Add(row);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return true;
        }
        catch (DbUpdateException ex) when (IsUniqueViolation(ex))
        {
            return false;
        }
        finally
        {
            db.Entry(row).State = EntityState.Detached;
        }
    }

    /// <summary>A hash (the jti is the client's text, of any shape), prefixed so it can be no reference token's id.</summary>
    internal static string ReferenceIdOf(string clientId, string jti) =>
        "jti:" + Base64UrlEncoder.Encode(SHA256.HashData(Encoding.UTF8.GetBytes(clientId + "\n" + jti)));

    private static bool IsUniqueViolation(DbUpdateException ex) => ex.InnerException switch
    {
        SqliteException sqlite => sqlite.SqliteErrorCode == 19, // SQLITE_CONSTRAINT (here: the unique ReferenceId)
        PostgresException postgres => postgres.SqlState == PostgresErrorCodes.UniqueViolation,
        _ => false,
    };
}
