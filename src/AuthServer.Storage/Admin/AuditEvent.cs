namespace AuthServer.Storage.Admin;

/// <summary>
/// One administrative action: who did what, to which client or key. Never holds a secret, a token or a
/// password; <see cref="Detail"/> is written by AuthServer, not copied from input.
/// </summary>
public sealed class AuditEvent
{
    public long Id { get; set; }

    public DateTime TimeUtc { get; set; }

    /// <summary><c>admin:NAME</c> for the console, <c>cli</c> for the command line.</summary>
    public required string Actor { get; set; }

    /// <summary>A stable dotted name such as <c>admin.signed_in</c> or <c>client.created</c>.</summary>
    public required string Action { get; set; }

    public string? ClientId { get; set; }

    public string? KeyId { get; set; }

    public string? Detail { get; set; }
}
