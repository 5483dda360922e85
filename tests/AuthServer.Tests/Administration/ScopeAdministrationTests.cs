using System.Diagnostics;
using AuthServer.Administration.ApiScopes;
using AuthServer.Administration.Clients;
using AuthServer.Protocol.Token;
using AuthServer.Storage;
using AuthServer.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;

namespace AuthServer.Tests.Administration;

/// <summary>The scope administration the CLI and the console share, on a running server.</summary>
public sealed class ScopeAdministrationTests : ServerTest
{
    private const string Alice = "admin:alice";
    private const string RobotSecret = "robot-secret-0123456789";

    // The scope cache's lifetime, plus room for a request on a loaded machine (as ClientAdministrationTests).
    private static readonly TimeSpan Bound = ScopeResourceCache.Lifetime + TimeSpan.FromSeconds(2);

    [Fact]
    public async Task New_resources_of_a_scope_in_use_become_the_tokens_audience_within_the_cache_bound()
    {
        await WithScopesAsync(s => s.CreateAsync("inventory.read", ["inventory-api"], Alice));
        await WithClientsAsync(c => c.CreateAsync("robot", new(["client_credentials"], ["inventory.read"], null, []), RobotSecret, Alice));
        Assert.Equal(["inventory-api"], await AudienceAsync()); // now cached by the server

        var updated = await WithScopesAsync(s => s.UpdateAsync("inventory.read", ["inventory-v2"], Alice));

        Assert.IsType<ScopeUpdated>(updated);
        var clock = Stopwatch.StartNew();
        string[] audience;
        while ((audience = await AudienceAsync()).SequenceEqual(["inventory-api"]) && clock.Elapsed < Bound)
        {
            await Task.Delay(100);
        }

        Assert.Equal(["inventory-v2"], audience);
    }

    [Fact]
    public async Task A_configured_scope_cannot_be_edited_or_removed_and_the_refusal_names_its_key()
    {
        var edited = await WithScopesAsync(s => s.UpdateAsync("sample-api.read", ["other-api"], Alice));
        var removed = await WithScopesAsync(s => s.DeleteAsync("sample-api.write", Alice));

        var declared = Assert.IsType<ScopeDeclaredInConfiguration>(edited);
        Assert.Equal("Scopes:0", declared.Origin.Key);
        Assert.Contains("Scopes:1", ScopeRefusals.Describe(removed));
        Assert.True((await WithScopesAsync(s => s.GetAsync("sample-api.read")))!.IsReadOnly);
        Assert.Equal(["sample-api"], (await WithScopesAsync(s => s.GetAsync("sample-api.read")))!.Resources);
    }

    [Fact]
    public async Task Changes_leave_audit_rows_naming_the_scope_and_refusals_leave_none()
    {
        await WithScopesAsync(s => s.CreateAsync("inventory.read", ["inventory-api"], Alice));
        await WithScopesAsync(s => s.CreateAsync("inventory.read", ["inventory-api"], Alice));
        await WithScopesAsync(s => s.UpdateAsync("inventory.read", ["inventory-api", "inventory-v2"], Alice));
        await WithScopesAsync(s => s.DeleteAsync("inventory.read", Alice));

        await using var scope = Server.Services.CreateAsyncScope();
        var rows = await scope.ServiceProvider.GetRequiredService<AuthDbContext>().AuditEvents.AsNoTracking()
            .Where(e => e.Action.StartsWith("scope.")).OrderBy(e => e.Id).ToListAsync();
        Assert.Equal(["scope.created", "scope.updated", "scope.removed"], rows.Select(r => r.Action));
        Assert.All(rows, r => Assert.Equal(Alice, r.Actor));
        Assert.Contains("inventory-v2", rows[1].Detail);
        Assert.True(Logs.HasEvent(1061), "scope updated (1061) was not logged");
    }

    [Fact]
    public async Task Resources_that_would_let_two_bubble_apps_reach_one_audience_are_refused()
    {
        await WithScopesAsync(s => s.CreateAsync("a.read", ["api-a"], Alice));
        await WithScopesAsync(s => s.CreateAsync("b.read", ["api-b"], Alice));
        await WithClientsAsync(c => c.CreateAsync("app-a", Bubble("a.read", "https://a.example.com"), RobotSecret, Alice));
        await WithClientsAsync(c => c.CreateAsync("app-b", Bubble("b.read", "https://b.example.com"), RobotSecret, Alice));

        var outcome = await WithScopesAsync(s => s.UpdateAsync("b.read", ["api-a"], Alice));

        var invalid = Assert.IsType<ScopeInvalid>(outcome);
        Assert.Contains("api-a", invalid.Problems[0]);
        Assert.Equal(["api-b"], (await WithScopesAsync(s => s.GetAsync("b.read")))!.Resources);
    }

    private static ClientSettings Bubble(string scope, string app) => new(["token_exchange"], [scope], app, []);

    private async Task<string[]> AudienceAsync()
    {
        var token = await Tokens.ClientCredentialsAsync("robot", RobotSecret);
        Assert.Equal(200, token.Status);
        return [.. new JsonWebToken(token.AccessToken).Audiences.Order()];
    }

    private async Task<T> WithScopesAsync<T>(Func<ScopeAdministration, Task<T>> action)
    {
        await using var scope = Server.Services.CreateAsyncScope();
        return await action(scope.ServiceProvider.GetRequiredService<ScopeAdministration>());
    }

    private async Task<T> WithClientsAsync<T>(Func<ClientAdministration, Task<T>> action)
    {
        await using var scope = Server.Services.CreateAsyncScope();
        return await action(scope.ServiceProvider.GetRequiredService<ClientAdministration>());
    }
}
