using AuthServer.Storage;
using AuthServer.Storage.Admin;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using AuthServer.Administration.Audit;
using AuthServer.Operations.Logging;
using AuthServer.Options;

namespace AuthServer.Administration.Admins;

/// <summary>
/// Checks a name and password against the admin accounts, with lockout: <c>Admin:LockoutThreshold</c> wrong
/// passwords in a row lock the account for <c>Admin:LockoutDuration</c>, during which even the right password is
/// refused. Failures are counted in the store with atomic updates, so parallel guesses and several nodes count alike.
/// </summary>
public sealed class AdminSignIn(AuthDbContext db, IPasswordHasher<AdminAccount> hasher, AdminAudit audit,
    UnknownNameLockouts unknownNames, IOptions<AdminOptions> options, TimeProvider clock, ILogger<AdminSignIn> logger)
{
    // Verified for unknown names, so that they cost the same time as a wrong password.
    private static readonly Lazy<string> DecoyHash = new(() =>
        new PasswordHasher<AdminAccount>().HashPassword(null!, Convert.ToHexString(Guid.NewGuid().ToByteArray())));

    public async Task<SignInOutcome> SignInAsync(string name, string password, CancellationToken cancellationToken = default)
    {
        name = AdminAccounts.Normalize(name);
        var now = clock.GetUtcNow().UtcDateTime;
        var account = AdminAccounts.CheckName(name) is null
            ? await db.AdminAccounts.AsNoTracking().SingleOrDefaultAsync(a => a.Name == name, cancellationToken)
            : null;
        if (account is null)
        {
            return UnknownName(name, password);
        }

        if (account.LockoutEndUtc > now)
        {
            return new SignInOutcome.LockedOut(account.LockoutEndUtc.Value);
        }

        var verdict = password.Length <= AdminAccounts.MaxPasswordLength
            ? hasher.VerifyHashedPassword(account, account.PasswordHash, password)
            : PasswordVerificationResult.Failed;
        if (verdict == PasswordVerificationResult.Failed)
        {
            return await RecordFailureAsync(account, now, cancellationToken);
        }

        var newHash = verdict == PasswordVerificationResult.SuccessRehashNeeded ? hasher.HashPassword(account, password) : account.PasswordHash;
        // The lockout is checked again in the same statement that records the success: guesses running beside
        // this one may have locked the account (or reached the threshold) while the hash was verified, and then
        // the right password is refused like any other, leaving the lock and the count as they are. One
        // conditional UPDATE is atomic on SQLite and PostgreSQL alike, across nodes.
        var threshold = options.Value.LockoutThreshold;
        var signedIn = await Accounts(account)
            .Where(a => (a.LockoutEndUtc == null || a.LockoutEndUtc <= now) && a.FailedAttempts < threshold)
            .ExecuteUpdateAsync(set => set
                .SetProperty(a => a.FailedAttempts, 0)
                .SetProperty(a => a.LockoutEndUtc, (DateTime?)null)
                .SetProperty(a => a.PasswordHash, newHash), cancellationToken);
        if (signedIn == 0)
        {
            logger.AdminSignInRefusedByParallelLockout(name);
            return new SignInOutcome.LockedOut(await LockoutEndAsync(account, now + options.Value.LockoutDuration, cancellationToken));
        }

        await audit.RecordAsync(ChangeActors.Admin(name), AuditActions.SignedIn, cancellationToken: cancellationToken);
        return new SignInOutcome.Succeeded(name, account.SecurityStamp);
    }

    /// <summary>Ends every session of the admin: the stamp their cookies carry no longer matches.</summary>
    public async Task SignOutAsync(string name, CancellationToken cancellationToken = default)
    {
        var stamp = AdminAccounts.NewStamp();
        await db.AdminAccounts.Where(a => a.Name == name).ExecuteUpdateAsync(set => set.SetProperty(a => a.SecurityStamp, stamp), cancellationToken);
        await audit.RecordAsync(ChangeActors.Admin(name), AuditActions.SignedOut, cancellationToken: cancellationToken);
    }

    /// <summary>Whether a session cookie of <paramref name="name"/> with <paramref name="stamp"/> is still good.</summary>
    public Task<bool> IsSessionValidAsync(string name, string stamp, CancellationToken cancellationToken = default) =>
        db.AdminAccounts.AnyAsync(a => a.Name == name && a.SecurityStamp == stamp, cancellationToken);

    private async Task<SignInOutcome> RecordFailureAsync(AdminAccount account, DateTime now, CancellationToken cancellationToken)
    {
        var threshold = options.Value.LockoutThreshold;
        var until = now + options.Value.LockoutDuration;
        // Guesses still in flight when another locked the account count for nothing, so parallel guesses lock it once.
        var unlocked = Accounts(account).Where(a => a.LockoutEndUtc == null || a.LockoutEndUtc <= now);
        if (await unlocked.ExecuteUpdateAsync(set => set.SetProperty(a => a.FailedAttempts, a => a.FailedAttempts + 1), cancellationToken) == 0)
        {
            return new SignInOutcome.LockedOut(await LockoutEndAsync(account, until, cancellationToken));
        }

        var failures = await Accounts(account).Select(a => a.FailedAttempts).SingleOrDefaultAsync(cancellationToken);
        var actor = ChangeActors.Admin(account.Name);
        if (failures < threshold)
        {
            await audit.RecordAsync(actor, AuditActions.SignInFailed, detail: $"wrong password, {failures} of {threshold} before lockout",
                cancellationToken: cancellationToken);
            return new SignInOutcome.Failed();
        }

        var locked = await unlocked.Where(a => a.FailedAttempts >= threshold).ExecuteUpdateAsync(set => set
            .SetProperty(a => a.FailedAttempts, 0)
            .SetProperty(a => a.LockoutEndUtc, until), cancellationToken);
        if (locked == 0)
        {
            return new SignInOutcome.LockedOut(await LockoutEndAsync(account, until, cancellationToken));
        }

        logger.AdminLockedOut(account.Name, until, threshold);
        await audit.RecordRowAsync(actor, AuditActions.LockedOut, $"{threshold} wrong passwords; locked until {until:yyyy-MM-dd HH:mm:ss}Z",
            cancellationToken);
        return new SignInOutcome.LockedOut(until);
    }

    private async Task<DateTime> LockoutEndAsync(AdminAccount account, DateTime fallback, CancellationToken cancellationToken) =>
        await Accounts(account).Select(a => a.LockoutEndUtc).SingleOrDefaultAsync(cancellationToken) ?? fallback;

    private SignInOutcome UnknownName(string name, string password)
    {
        if (unknownNames.LockedUntil(name) is { } lockedUntil)
        {
            return new SignInOutcome.LockedOut(lockedUntil);
        }

        hasher.VerifyHashedPassword(null!, DecoyHash.Value, password.Length <= AdminAccounts.MaxPasswordLength ? password : "");
        logger.AdminSignInUnknownName();
        return unknownNames.RecordFailure(name) is { } until ? new SignInOutcome.LockedOut(until) : new SignInOutcome.Failed();
    }

    private IQueryable<AdminAccount> Accounts(AdminAccount account) => db.AdminAccounts.Where(a => a.Id == account.Id);
}
