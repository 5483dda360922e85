using System.Globalization;
using AuthServer.AdminConsole;
using AuthServer.Administration.Clients;
using AuthServer.Administration.Keys;

namespace AuthServer.Administration.Audit;

/// <summary>
/// The one place where a change made through <see cref="ClientAdministration"/> or <see cref="KeyAdministration"/>
/// becomes an audit row (<see cref="AdminAudit"/>), so the CLI's changes and the console's land in the same
/// Activity page. Only changes are recorded, not refusals (nothing changed). The detail names settings, never a
/// secret: a generated secret is only said to be generated.
/// </summary>
public sealed class AdministrationAudit(AdminAudit audit)
{
    /// <summary>Records <paramref name="outcome"/> if it is a change, and hands it back.</summary>
    public async Task<ClientOutcome> RecordAsync(string actor, ClientOutcome outcome, CancellationToken cancellationToken)
    {
        var (action, clientId, detail) = outcome switch
        {
            ClientCreated created => (AuditActions.ClientCreated, created.Client.ClientId,
                $"{Describe(created.Client.Settings)}; secret {(created.GeneratedSecret is null ? "chosen by the caller" : "generated")}"),
            ClientUpdated updated => (AuditActions.ClientUpdated, updated.Client.ClientId, Describe(updated.Client.Settings)),
            ClientSecretRotated rotated => (AuditActions.ClientSecretRotated, rotated.ClientId,
                $"new secret {(rotated.GeneratedSecret is null ? "chosen by the caller" : "generated")}"),
            ClientDeleted deleted => (AuditActions.ClientDeleted, deleted.ClientId, null),
            _ => (null, null, null),
        };
        if (action is not null)
        {
            await audit.RecordAsync(actor, action, clientId: clientId, detail: detail, cancellationToken: cancellationToken);
        }

        return outcome;
    }

    public async Task<KeyRotated> RecordAsync(string actor, KeyRotated rotated, CancellationToken cancellationToken)
    {
        var detail = rotated.SignsNow
            ? $"{rotated.Algorithm}; signs now"
            : string.Create(CultureInfo.InvariantCulture, $"{rotated.Algorithm}; signs from {rotated.ActivatesUtc:yyyy-MM-dd HH:mm:ss}Z");
        await audit.RecordAsync(actor, AuditActions.KeyRotated, keyId: rotated.Kid, detail: detail, cancellationToken: cancellationToken);
        return rotated;
    }

    public async Task<KeyRevocation> RecordAsync(string actor, KeyRevocation revocation, CancellationToken cancellationToken)
    {
        if (revocation is KeyRevoked revoked)
        {
            await audit.RecordAsync(actor, AuditActions.KeyRevoked, keyId: revoked.Kid,
                detail: $"signing key now {revoked.SigningKid ?? "none"}", cancellationToken: cancellationToken);
        }

        return revocation;
    }

    private static string Describe(ClientSettings settings) =>
        $"grants {List(settings.Grants)}; scopes {List(settings.Scopes)}; Bubble app {settings.BubbleAppUrl ?? "-"}; "
        + $"Bubble claims {List(settings.BubbleClaims)}";

    private static string List(IReadOnlyList<string> values) => values.Count == 0 ? "-" : string.Join(',', values);
}
