using System.Globalization;
using AuthServer.Administration.Clients;
using AuthServer.Administration.Keys;

namespace AuthServer.Administration.Audit;

/// <summary>
/// What the audit row of a client or key change says: the action, what it touched and the settings it left. Only
/// changes have one (a refusal changed nothing). The detail names settings, never a secret: a generated secret is
/// only said to be generated.
/// </summary>
internal static class AuditDetails
{
    public static (string Action, string ClientId, string? Detail)? Of(ClientOutcome outcome) => outcome switch
    {
        ClientCreated created => (AuditActions.ClientCreated, created.Client.ClientId,
            $"{Describe(created.Client.Settings)}; secret {(created.GeneratedSecret is null ? "chosen by the caller" : "generated")}"),
        ClientUpdated updated => (AuditActions.ClientUpdated, updated.Client.ClientId, Describe(updated.Client.Settings)),
        ClientSecretRotated rotated => (AuditActions.ClientSecretRotated, rotated.ClientId,
            $"new secret {(rotated.GeneratedSecret is null ? "chosen by the caller" : "generated")}"),
        ClientDeleted deleted => (AuditActions.ClientDeleted, deleted.ClientId, null),
        ClientSecretAdded added => (AuditActions.ClientSecretAdded, added.ClientId,
            $"secret {added.SecretId} {(added.GeneratedSecret is null ? "chosen by the caller" : "generated")}; expires {Date(added.ExpiresUtc)}; "
            + (added.OthersExpireUtc is { } others ? $"other secrets expire {Date(others)}" : "other secrets unchanged")),
        ClientSecretRevoked revoked => (AuditActions.ClientSecretRevoked, revoked.ClientId, $"secret {revoked.SecretId}"),
        ClientKeysSet keys => (AuditActions.ClientKeysSet, keys.ClientId,
            string.Create(CultureInfo.InvariantCulture, $"{keys.KeyCount} public key(s); private_key_jwt only: {(keys.PrivateKeyJwtOnly ? "yes" : "no")}")),
        _ => null,
    };

    public static string Of(KeyRotated rotated) => rotated.SignsNow
        ? $"{rotated.Algorithm}; signs now"
        : string.Create(CultureInfo.InvariantCulture, $"{rotated.Algorithm}; signs from {rotated.ActivatesUtc:yyyy-MM-dd HH:mm:ss}Z");

    public static string Of(KeyRevoked revoked) => $"signing key now {revoked.SigningKid ?? "none"}";

    private static string Date(DateTime? utc) =>
        utc is { } value ? string.Create(CultureInfo.InvariantCulture, $"{value:yyyy-MM-dd HH:mm:ss}Z") : "never";

    private static string Describe(ClientSettings settings) =>
        $"grants {List(settings.Grants)}; scopes {List(settings.Scopes)}; Bubble app {settings.BubbleAppUrl ?? "-"}; "
        + $"Bubble claims {List(settings.BubbleClaims)}";

    private static string List(IReadOnlyList<string> values) => values.Count == 0 ? "-" : string.Join(',', values);
}
