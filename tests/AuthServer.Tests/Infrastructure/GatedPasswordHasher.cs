using AuthServer.Storage.Admin;
using Microsoft.AspNetCore.Identity;

namespace AuthServer.Tests.Infrastructure;

/// <summary>
/// Identity's password hasher that counts its verifications and, for one chosen password, waits to be released
/// once it has begun: a test holds a sign-in in the middle of its hash while others run.
/// </summary>
public sealed class GatedPasswordHasher : IPasswordHasher<AdminAccount>
{
    private readonly PasswordHasher<AdminAccount> _inner = new();
    private readonly TaskCompletionSource _entered = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly ManualResetEventSlim _released = new(true);
    private string? _held;
    private int _verifications;

    /// <summary>Password verifications run so far (sign-ins that reached the hash, decoys for unknown names included).</summary>
    public int Verifications => Volatile.Read(ref _verifications);

    /// <summary>Completes when the held password's verification has begun.</summary>
    public Task Entered => _entered.Task;

    public void Hold(string password)
    {
        _held = password;
        _released.Reset();
    }

    public void Release() => _released.Set();

    public string HashPassword(AdminAccount user, string password) => _inner.HashPassword(user, password);

    public PasswordVerificationResult VerifyHashedPassword(AdminAccount user, string hashedPassword, string providedPassword)
    {
        Interlocked.Increment(ref _verifications);
        var result = _inner.VerifyHashedPassword(user, hashedPassword, providedPassword);
        if (providedPassword == _held)
        {
            _entered.TrySetResult();
            _released.Wait(TimeSpan.FromSeconds(30));
        }

        return result;
    }
}
