namespace AuthServer.Administration.Audit;

/// <summary>
/// The names of audited actions, stable because the Activity page and log searches filter on them.
/// Pages that administer clients and keys add theirs here.
/// </summary>
public static class AuditActions
{
    public const string AdminAdded = "admin.added";
    public const string AdminRemoved = "admin.removed";
    public const string SignedIn = "admin.signed_in";
    public const string SignInFailed = "admin.sign_in_failed";
    public const string LockedOut = "admin.locked_out";
    public const string SignedOut = "admin.signed_out";
    public const string ClientCreated = "client.created";
    public const string ClientUpdated = "client.updated";
    public const string ClientSecretRotated = "client.secret_rotated";
    public const string ClientDeleted = "client.deleted";
    public const string ClientSecretAdded = "client.secret_added";
    public const string ClientSecretRevoked = "client.secret_revoked";
    public const string ClientKeysSet = "client.keys_set";
    public const string ScopeCreated = "scope.created";
    public const string ScopeUpdated = "scope.updated";
    public const string ScopeRemoved = "scope.removed";
    public const string KeyRotated = "key.rotated";
    public const string KeyRevoked = "key.revoked";
}
