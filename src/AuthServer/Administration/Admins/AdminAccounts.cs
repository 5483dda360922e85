using System.Security.Cryptography;
using System.Text.RegularExpressions;
using AuthServer.Storage;
using AuthServer.Storage.Admin;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using AuthServer.Administration.Audit;

namespace AuthServer.Administration.Admins;

public sealed record AdminSummary(string Name, DateTime CreatedUtc, DateTime? LockedUntilUtc);

public enum AdminChange
{
    Done,
    AlreadyExists,
    Unknown,
}

/// <summary>
/// Adds, removes and lists the accounts that may sign in to the console. Passwords are hashed with ASP.NET Core
/// Identity's <see cref="PasswordHasher{TUser}"/> and never kept or logged otherwise; each change is audited.
/// </summary>
public sealed partial class AdminAccounts(AuthDbContext db, IPasswordHasher<AdminAccount> hasher, AdminAudit audit, TimeProvider clock)
{
    public const int MinPasswordLength = 12;
    public const int MaxPasswordLength = 256;

    /// <summary>Names are compared in lower case, so <c>Alice</c> and <c>alice</c> are one admin.</summary>
    public static string Normalize(string name) => name.Trim().ToLowerInvariant();

    /// <summary>Why a (normalized) name cannot be an admin's, or null. Plain characters only: names appear in pages and logs.</summary>
    public static string? CheckName(string name) => NamePattern().IsMatch(name)
        ? null
        : "An admin name is 1 to 64 characters: letters, digits, '.', '_', '-' or '@', starting with a letter or digit.";

    public static string? CheckPassword(string password) => password.Length switch
    {
        < MinPasswordLength => $"Refused: the password must be at least {MinPasswordLength} characters long.",
        > MaxPasswordLength => $"Refused: the password must be at most {MaxPasswordLength} characters long.",
        _ => null,
    };

    public async Task<AdminChange> AddAsync(string name, string password, string actor, CancellationToken cancellationToken = default)
    {
        if (await db.AdminAccounts.AnyAsync(a => a.Name == name, cancellationToken))
        {
            return AdminChange.AlreadyExists;
        }

        var account = new AdminAccount
        {
            Name = name,
            PasswordHash = "",
            SecurityStamp = NewStamp(),
            CreatedUtc = clock.GetUtcNow().UtcDateTime,
        };
        account.PasswordHash = hasher.HashPassword(account, password);
        db.AdminAccounts.Add(account);
        await db.SaveChangesAsync(cancellationToken);
        db.Entry(account).State = EntityState.Detached;
        await audit.RecordAsync(actor, AuditActions.AdminAdded, detail: name, cancellationToken: cancellationToken);
        return AdminChange.Done;
    }

    public async Task<AdminChange> RemoveAsync(string name, string actor, CancellationToken cancellationToken = default)
    {
        var removed = await db.AdminAccounts.Where(a => a.Name == name).ExecuteDeleteAsync(cancellationToken);
        if (removed == 0)
        {
            return AdminChange.Unknown;
        }

        await audit.RecordAsync(actor, AuditActions.AdminRemoved, detail: name, cancellationToken: cancellationToken);
        return AdminChange.Done;
    }

    /// <summary>Whether anyone can sign in to the console yet: the start log and the sign-in page say how to add the first admin.</summary>
    public Task<bool> AnyAsync(CancellationToken cancellationToken = default) => db.AdminAccounts.AnyAsync(cancellationToken);

    /// <summary>How to add an admin, for a reader who has only the running server and its files.</summary>
    public const string HowToAdd =
        "Add one on the server with `AuthServer admins add NAME` (from a source tree: `dotnet run --project src/AuthServer -- admins add NAME`); the password is read from standard input or a prompt.";

    public async Task<IReadOnlyList<AdminSummary>> ListAsync(CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var accounts = await db.AdminAccounts.AsNoTracking().OrderBy(a => a.Name).ToListAsync(cancellationToken);
        return [.. accounts.Select(a => new AdminSummary(a.Name, Utc(a.CreatedUtc), a.LockoutEndUtc > now ? Utc(a.LockoutEndUtc.Value) : null))];
    }

    // SQLite gives dates back without their kind; they were stored in UTC.
    private static DateTime Utc(DateTime value) => DateTime.SpecifyKind(value, DateTimeKind.Utc);

    public static string NewStamp() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));

    [GeneratedRegex("^[a-z0-9][a-z0-9._@-]{0,63}$")]
    private static partial Regex NamePattern();
}
