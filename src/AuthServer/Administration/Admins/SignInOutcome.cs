
namespace AuthServer.Administration.Admins;

/// <summary>What a sign-in attempt came to; a wrong password and an unknown name are the same <see cref="Failed"/>.</summary>
public abstract record SignInOutcome
{
    public sealed record Succeeded(string Name, string SecurityStamp) : SignInOutcome;

    public sealed record Failed : SignInOutcome;

    /// <summary>Refused whatever the password, until <paramref name="UntilUtc"/>.</summary>
    public sealed record LockedOut(DateTime UntilUtc) : SignInOutcome;
}
