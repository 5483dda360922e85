namespace AuthServer.Storage.Admin;

/// <summary>
/// A person who may sign in to the admin console. The password is kept only as an ASP.NET Core Identity
/// hash; the failure count and lockout end make repeated wrong passwords stop working for a while.
/// </summary>
public sealed class AdminAccount
{
    public long Id { get; set; }

    /// <summary>Lower-case, unique; what the admin types to sign in and what audit events name.</summary>
    public required string Name { get; set; }

    public required string PasswordHash { get; set; }

    /// <summary>Wrong passwords since the last success or lockout.</summary>
    public int FailedAttempts { get; set; }

    /// <summary>Until when sign-in is refused, even with the right password.</summary>
    public DateTime? LockoutEndUtc { get; set; }

    /// <summary>
    /// Carried in the session cookie and changed at sign-out: a cookie copied before the sign-out (or of a
    /// removed admin) stops working, though cookie sessions are otherwise held by the browser alone.
    /// </summary>
    public required string SecurityStamp { get; set; }

    public DateTime CreatedUtc { get; set; }
}
