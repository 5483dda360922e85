using Microsoft.EntityFrameworkCore;

namespace AuthServer.Benchmarks.Baseline;

/// <summary>(c): what a refresh must do in the store at least, in one transaction: read, update, insert.</summary>
public static class BaselineRotation
{
    public static async Task<IResult> StartAsync(BaselineDbContext db, CancellationToken cancel)
    {
        var first = NewToken(Guid.NewGuid().ToString("N"), "bench-subject");
        db.Tokens.Add(first);
        await db.SaveChangesAsync(cancel);
        return Results.Json(new { refresh_token = first.Id });
    }

    public static async Task<IResult> RotateAsync(HttpRequest request, BaselineDbContext db, CancellationToken cancel)
    {
        var form = await request.ReadFormAsync(cancel);
        return await RotateAsync(form["refresh_token"].ToString(), db, cancel);
    }

    /// <summary>The rotation alone, for a form already read (<see cref="BaselineWhoami.RotateAfterWhoamiAsync"/> composes it).</summary>
    public static async Task<IResult> RotateAsync(string presented, BaselineDbContext db, CancellationToken cancel)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancel);
        var current = await db.Tokens.SingleOrDefaultAsync(t => t.Id == presented, cancel);
        if (current is not { Status: "valid" })
        {
            return Results.Json(new { error = "invalid_grant" }, statusCode: StatusCodes.Status400BadRequest);
        }

        current.Status = "redeemed";
        current.RedeemedAt = DateTime.UtcNow;
        var next = NewToken(current.ChainId, current.Subject);
        db.Tokens.Add(next);
        await db.SaveChangesAsync(cancel);
        await transaction.CommitAsync(cancel);
        return Results.Json(new { refresh_token = next.Id });
    }

    private static ChainToken NewToken(string chainId, string subject) => new()
    {
        Id = Microsoft.IdentityModel.Tokens.Base64UrlEncoder.Encode(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32)),
        ChainId = chainId,
        Subject = subject,
        Status = "valid",
        CreatedAt = DateTime.UtcNow,
    };
}
