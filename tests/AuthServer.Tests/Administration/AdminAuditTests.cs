using AuthServer.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using AuthServer.Administration.Audit;
using AuthServer.Operations.Logging;

namespace AuthServer.Tests.Administration;

/// <summary>The audit trail of admin actions: a row and a log line each, read back newest first, paged, by client.</summary>
public sealed class AdminAuditTests : ServerTest
{
    [Fact]
    public async Task Recorded_action_is_stored_with_actor_client_key_and_detail_and_logged_as_5001()
    {
        await WithAuditAsync(audit => audit.RecordAsync(ChangeActors.Admin("alice"), "client.created", clientId: "bubble-app",
            keyId: "kid-1", detail: "grants token_exchange"));

        var entry = Assert.Single((await RecentAsync(1, 10)).Events);

        Assert.Equal(("admin:alice", "client.created", "bubble-app", "kid-1", "grants token_exchange"),
            (entry.Actor, entry.Action, entry.ClientId, entry.KeyId, entry.Detail));
        Assert.True(Logs.HasEvent(5001));
        Assert.Contains("admin:alice", Logs.AllText);
    }

    [Fact]
    public async Task Recent_events_come_newest_first_in_pages_with_the_total()
    {
        for (var i = 1; i <= 5; i++)
        {
            var n = i;
            await WithAuditAsync(audit => audit.RecordAsync(ChangeActors.Cli, "test.step", detail: $"step {n}"));
        }

        var first = await RecentAsync(1, 2);
        var last = await RecentAsync(3, 2);

        Assert.Equal(["step 5", "step 4"], first.Events.Select(e => e.Detail));
        Assert.True(first.HasMore);
        Assert.Equal(5, first.Total);
        Assert.Equal(["step 1"], last.Events.Select(e => e.Detail));
        Assert.False(last.HasMore);
    }

    [Fact]
    public async Task Recent_events_of_one_client_leave_out_the_others()
    {
        await WithAuditAsync(audit => audit.RecordAsync(ChangeActors.Cli, "client.created", clientId: "one"));
        await WithAuditAsync(audit => audit.RecordAsync(ChangeActors.Cli, "client.created", clientId: "two"));
        await WithAuditAsync(audit => audit.RecordAsync(ChangeActors.Cli, "client.secret_rotated", clientId: "one"));

        var page = await RecentAsync(1, 10, "one");

        Assert.Equal(2, page.Total);
        Assert.All(page.Events, e => Assert.Equal("one", e.ClientId));
    }

    [Fact]
    public async Task Out_of_range_paging_is_brought_within_bounds()
    {
        await WithAuditAsync(audit => audit.RecordAsync(ChangeActors.Cli, "test.step"));

        var page = await RecentAsync(0, 100_000);

        Assert.Equal(1, page.Page);
        Assert.Equal(AdminAudit.MaxPageSize, page.PageSize);
        Assert.Single(page.Events);
    }

    private async Task WithAuditAsync(Func<AdminAudit, Task> action)
    {
        await using var scope = Server.Services.CreateAsyncScope();
        await action(scope.ServiceProvider.GetRequiredService<AdminAudit>());
    }

    private async Task<AuditPage> RecentAsync(int page, int pageSize, string? clientId = null)
    {
        await using var scope = Server.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<AdminAudit>().RecentAsync(page, pageSize, clientId);
    }
}
