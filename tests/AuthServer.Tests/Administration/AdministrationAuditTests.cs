using AuthServer.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using AuthServer.Administration.Audit;
using AuthServer.Administration.Clients;
using AuthServer.Administration.Keys;
using AuthServer.Operations.Logging;

namespace AuthServer.Tests.Administration;

/// <summary>
/// Every change made through the client and key administration, from the CLI or the console (which calls the
/// model as an <c>admin:NAME</c> actor), leaves an audit row for the Activity page, and no row holds a secret.
/// </summary>
public sealed class AdministrationAuditTests : ServerTest
{
    private const string Alice = "admin:alice";
    private const string ChosenSecret = "robot-secret-0123456789";

    [Fact]
    public async Task Cli_clients_add_leaves_an_audit_row_naming_the_cli_without_the_secret()
    {
        var added = await CliRunner.RunAsync(DatabaseFile, Server.Url,
            $"clients add --client-id robot --grant client_credentials --scope sample-api.read --secret {ChosenSecret}");
        Assert.True(added.ExitCode == 0, added.Error);

        var row = Assert.Single(await ClientRowsAsync("robot"));

        Assert.Equal((ChangeActors.Cli, AuditActions.ClientCreated), (row.Actor, row.Action));
        Assert.Contains("grants client_credentials; scopes sample-api.read", row.Detail);
        AssertNoSecret(row, ChosenSecret);
    }

    [Fact]
    public async Task Console_create_leaves_an_audit_row_naming_the_admin_without_the_generated_secret()
    {
        var created = Assert.IsType<ClientCreated>(await WithClientsAsync(c => c.CreateAsync("robot", Robot("sample-api.read"), null, Alice)));

        var row = Assert.Single(await ClientRowsAsync("robot"));

        Assert.Equal((Alice, AuditActions.ClientCreated), (row.Actor, row.Action));
        Assert.EndsWith("secret generated", row.Detail);
        AssertNoSecret(row, created.GeneratedSecret!);
    }

    [Fact]
    public async Task Update_rotate_and_delete_each_leave_a_row_and_the_new_secrets_appear_in_none()
    {
        await WithClientsAsync(c => c.CreateAsync("robot", Robot("sample-api.read"), ChosenSecret, Alice));
        await WithClientsAsync(c => c.UpdateAsync("robot", Robot("sample-api.read", "sample-api.write"), Alice));
        var generated = Assert.IsType<ClientSecretRotated>(await WithClientsAsync(c => c.RotateSecretAsync("robot", Alice)));
        await WithClientsAsync(c => c.RotateSecretAsync("robot", ChangeActors.Cli, "chosen-again-0123456789"));
        await WithClientsAsync(c => c.DeleteAsync("robot", Alice));

        var rows = await ClientRowsAsync("robot");

        Assert.Equal([AuditActions.ClientDeleted, AuditActions.ClientSecretRotated, AuditActions.ClientSecretRotated,
            AuditActions.ClientUpdated, AuditActions.ClientCreated], rows.Select(r => r.Action));
        Assert.Contains("scopes sample-api.read,sample-api.write", rows[3].Detail);
        Assert.Equal(ChangeActors.Cli, rows[1].Actor);
        Assert.All(rows, r => AssertNoSecret(r, ChosenSecret, generated.GeneratedSecret!, "chosen-again-0123456789"));
    }

    [Fact]
    public async Task Refused_changes_leave_no_row()
    {
        await WithClientsAsync(c => c.DeleteAsync("nobody", Alice));
        await WithClientsAsync(c => c.UpdateAsync(TestClients.Script, Robot("sample-api.read"), Alice));
        await WithClientsAsync(c => c.CreateAsync("robot", Robot("no-such-scope"), null, Alice));

        Assert.Equal(0, (await RecentAsync()).Total);
    }

    [Fact]
    public async Task Key_rotation_and_revocation_leave_rows_naming_the_key()
    {
        var rotated = await WithKeysAsync(k => k.RotateAsync(Alice, activateNow: true));
        await WithKeysAsync(k => k.RevokeAsync(rotated.Kid, ChangeActors.Cli));

        var rows = (await RecentAsync()).Events;

        Assert.Equal([(AuditActions.KeyRevoked, ChangeActors.Cli), (AuditActions.KeyRotated, Alice)],
            rows.Select(r => (r.Action, r.Actor)));
        Assert.All(rows, r => Assert.Equal(rotated.Kid, r.KeyId));
    }

    private static void AssertNoSecret(AuditEntry row, params string[] secrets)
    {
        foreach (var secret in secrets)
        {
            Assert.DoesNotContain(secret, $"{row.Actor} {row.Action} {row.ClientId} {row.KeyId} {row.Detail}");
        }
    }

    private static ClientSettings Robot(params string[] scopes) => new(["client_credentials"], scopes, null, []);

    private async Task<IReadOnlyList<AuditEntry>> ClientRowsAsync(string clientId) => (await RecentAsync(clientId)).Events;

    private Task<AuditPage> RecentAsync(string? clientId = null) => WithAsync<AdminAudit, AuditPage>(a => a.RecentAsync(1, 50, clientId));

    private Task<ClientOutcome> WithClientsAsync(Func<ClientAdministration, Task<ClientOutcome>> action) => WithAsync(action);

    private Task<T> WithKeysAsync<T>(Func<KeyAdministration, Task<T>> action) => WithAsync(action);

    private async Task<T> WithAsync<TService, T>(Func<TService, Task<T>> action) where TService : notnull
    {
        await using var scope = Server.Services.CreateAsyncScope();
        return await action(scope.ServiceProvider.GetRequiredService<TService>());
    }
}
