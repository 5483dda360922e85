using System.Diagnostics;
using System.Globalization;
using AuthServer.Clients;
using AuthServer.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using Serilog.Events;
using AuthServer.Administration.Clients;
using AuthServer.Engine;
using AuthServer.Tests.Clients;

namespace AuthServer.Tests.Administration;

/// <summary>The client administration of the CLI and the console: its changes show at the token endpoint; declared clients stay.</summary>
public sealed class ClientAdministrationTests : ServerTest
{
    private const string Alice = "admin:alice";
    private const string FileClient = "from-file";
    private const string RobotSecret = "robot-secret-0123456789";

    // The cache lifetime, plus room for a request on a loaded machine (as ClientChangePropagationTests).
    private static readonly TimeSpan Bound = ApplicationSnapshotCache.Lifetime + TimeSpan.FromSeconds(2);

    public override async Task InitializeAsync()
    {
        // A second declared client, from a file in the content root, beside the in-memory test-script (Clients:0).
        await File.WriteAllTextAsync(Directory.File("appsettings.json"), $$"""
            { "Clients": { "1": { "ClientId": "{{FileClient}}", "ClientSecret": "from-file-secret-0123456789",
                                  "GrantTypes": [ "client_credentials" ], "Scopes": [ "sample-api.read" ] } } }
            """);
        await base.InitializeAsync();
    }

    [Fact]
    public async Task List_shows_configuration_clients_read_only_with_the_source_and_key_that_declare_them()
    {
        await WithClientsAsync(c => c.CreateAsync("robot", Robot("sample-api.read"), RobotSecret, Alice));

        var clients = await WithClientsAsync(c => c.ListAsync());

        var script = clients.Single(c => c.ClientId == TestClients.Script);
        Assert.Equal(new ConfigurationOrigin("in-memory settings", "Clients:0"), script.DeclaredIn);
        Assert.Equal(new ConfigurationOrigin("appsettings.json", "Clients:1"), clients.Single(c => c.ClientId == FileClient).DeclaredIn);
        Assert.True(script.IsReadOnly);
        Assert.Equal(["client_credentials"], script.Settings.Grants);
        Assert.Equal(["sample-api.read"], script.Settings.Scopes);
        var robot = clients.Single(c => c.ClientId == "robot");
        Assert.False(robot.IsReadOnly);
        Assert.Equal("confidential", robot.Type);
    }

    [Fact]
    public async Task Update_rotate_and_delete_of_a_configuration_client_are_refused_naming_where_it_is_declared()
    {
        var outcomes = new[]
        {
            await WithClientsAsync(c => c.UpdateAsync(FileClient, Robot("sample-api.read", "sample-api.write"), Alice)),
            await WithClientsAsync(c => c.RotateSecretAsync(FileClient, Alice)),
            await WithClientsAsync(c => c.DeleteAsync(FileClient, Alice)),
            await WithClientsAsync(c => c.DeleteAsync(TestClients.Script, Alice)),
        };

        Assert.All(outcomes, o => Assert.IsType<ClientDeclaredInConfiguration>(o));
        Assert.Equal("appsettings.json / Clients:1", ((ClientDeclaredInConfiguration)outcomes[0]).Origin.ToString());
        var token = await Tokens.ClientCredentialsAsync(FileClient, "from-file-secret-0123456789");
        Assert.Equal("sample-api.read", token["scope"]);
        Assert.Equal(200, (await Tokens.ClientCredentialsAsync()).Status);
    }

    [Fact]
    public async Task Create_returns_a_generated_secret_once_and_it_gets_a_token()
    {
        var created = Assert.IsType<ClientCreated>(
            await WithClientsAsync(c => c.CreateAsync("robot", Robot("sample-api.read"), secret: null, Alice)));

        Assert.True(created.GeneratedSecret is { Length: >= 40 }, "a generated secret has 256 bits");
        Assert.Equal(200, (await Tokens.ClientCredentialsAsync("robot", created.GeneratedSecret)).Status);
        Assert.Null(Assert.IsType<ClientCreated>(
            await WithClientsAsync(c => c.CreateAsync("chosen", Robot("sample-api.read"), RobotSecret, Alice))).GeneratedSecret);
    }

    [Fact]
    public async Task Create_and_update_refuse_what_configuration_would_refuse()
    {
        var badGrant = await WithClientsAsync(c => c.CreateAsync("x", Robot("sample-api.read") with { Grants = ["password"] }, null, Alice));
        var noBubbleApp = await WithClientsAsync(c => c.CreateAsync("x", Robot("sample-api.read") with { Grants = ["token_exchange"] }, null, Alice));
        var unknownScope = await WithClientsAsync(c => c.CreateAsync("x", Robot("nope"), null, Alice));
        var existing = await WithClientsAsync(c => c.CreateAsync(TestClients.Script, Robot("sample-api.read"), null, Alice));
        await WithClientsAsync(c => c.CreateAsync("robot", Robot("sample-api.read"), RobotSecret, Alice));
        var badUpdate = await WithClientsAsync(c => c.UpdateAsync("robot", Robot("sample-api.read") with { BubbleClaims = ["sub"] }, Alice));

        Assert.StartsWith("GrantTypes:0 'password'", Assert.IsType<ClientInvalid>(badGrant).Problems[0]);
        Assert.StartsWith("BubbleAppUrl is required", Assert.IsType<ClientInvalid>(noBubbleApp).Problems[0]);
        Assert.StartsWith("Scopes:0 'nope'", Assert.IsType<ClientInvalid>(unknownScope).Problems[0]);
        Assert.IsType<ClientAlreadyExists>(existing);
        Assert.StartsWith("BubbleClaims:0 'sub'", Assert.IsType<ClientInvalid>(badUpdate).Problems[0]);
        Assert.Null(await WithClientsAsync(c => c.GetAsync("x")));
    }

    [Fact]
    public async Task Rotating_the_secret_stops_the_old_one_on_every_node_within_the_bound_and_the_new_one_works()
    {
        await using var nodeB = await AuthServerInstance.StartAsync(DatabaseFile, Logs);
        using var b = new TokenClient(nodeB.Url);
        await WithClientsAsync(c => c.CreateAsync("robot", Robot("sample-api.read"), RobotSecret, Alice));
        Assert.Equal(200, (await b.ClientCredentialsAsync("robot", RobotSecret)).Status); // node B now holds the client

        var rotated = Assert.IsType<ClientSecretRotated>(await WithClientsAsync(c => c.RotateSecretAsync("robot", Alice)));

        var clock = Stopwatch.StartNew();
        foreach (var node in new[] { Tokens, b })
        {
            while ((await node.ClientCredentialsAsync("robot", RobotSecret)).Status == 200)
            {
                Assert.True(clock.Elapsed < Bound, $"the old secret still worked after {clock.Elapsed}");
                await Task.Delay(50);
            }
        }

        Assert.Equal(200, (await Tokens.ClientCredentialsAsync("robot", rotated.GeneratedSecret!)).Status);
        Assert.Equal(200, (await b.ClientCredentialsAsync("robot", rotated.GeneratedSecret!)).Status);
    }

    [Fact]
    public async Task Deleting_a_client_makes_client_credentials_fail()
    {
        await WithClientsAsync(c => c.CreateAsync("robot", Robot("sample-api.read"), RobotSecret, Alice));
        Assert.Equal(200, (await Tokens.ClientCredentialsAsync("robot", RobotSecret)).Status);

        Assert.IsType<ClientDeleted>(await WithClientsAsync(c => c.DeleteAsync("robot", Alice)));

        OAuthAssert.Error(await Tokens.ClientCredentialsAsync("robot", RobotSecret), 401, "invalid_client");
        Assert.Null(await WithClientsAsync(c => c.GetAsync("robot")));
    }

    [Fact]
    public async Task Updated_scopes_show_in_the_next_token_and_the_secret_stays()
    {
        await WithClientsAsync(c => c.CreateAsync("robot", Robot("sample-api.read"), RobotSecret, Alice));
        Assert.Equal("sample-api.read", (await Tokens.ClientCredentialsAsync("robot", RobotSecret))["scope"]);

        var updated = Assert.IsType<ClientUpdated>(
            await WithClientsAsync(c => c.UpdateAsync("robot", Robot("sample-api.read", "sample-api.write"), Alice)));

        var token = await Tokens.ClientCredentialsAsync("robot", RobotSecret);
        Assert.Equal(["sample-api.read", "sample-api.write"], updated.Client.Settings.Scopes);
        Assert.Equal("sample-api.read sample-api.write", new JsonWebToken(token.AccessToken).GetClaim("scope").Value);
    }

    [Fact]
    public async Task A_client_id_containing_a_script_tag_round_trips_unchanged()
    {
        const string id = "<script>alert(1)</script>";

        var created = Assert.IsType<ClientCreated>(await WithClientsAsync(c => c.CreateAsync(id, Robot("sample-api.read"), RobotSecret, Alice)));

        Assert.Equal(id, created.Client.ClientId);
        Assert.Equal(id, (await WithClientsAsync(c => c.GetAsync(id)))!.ClientId);
        Assert.Contains(await WithClientsAsync(c => c.ListAsync()), c => c.ClientId == id);
        var token = await Tokens.ClientCredentialsAsync(id, RobotSecret);
        Assert.Equal(id, new JsonWebToken(token.AccessToken).GetClaim("client_id").Value);
    }

    [Fact]
    public async Task Changes_to_an_unknown_client_answer_not_found()
    {
        Assert.All([await WithClientsAsync(c => c.UpdateAsync("nobody", Robot("sample-api.read"), Alice)),
            await WithClientsAsync(c => c.RotateSecretAsync("nobody", Alice)), await WithClientsAsync(c => c.DeleteAsync("nobody", Alice)),
            await WithClientsAsync(c => c.DeleteAsync("nul\0byte", Alice))], o => Assert.IsType<ClientNotFound>(o));
        Assert.Null(await WithClientsAsync(c => c.GetAsync("")));
    }

    [Fact]
    public async Task Every_change_is_an_audit_event_naming_the_actor_and_never_the_secret()
    {
        await WithClientsAsync(c => c.CreateAsync("robot", Robot("sample-api.read"), RobotSecret, Alice));
        await WithClientsAsync(c => c.UpdateAsync("robot", Robot("sample-api.write"), Alice));
        var rotated = (ClientSecretRotated)await WithClientsAsync(c => c.RotateSecretAsync("robot", Alice));
        await WithClientsAsync(c => c.DeleteAsync("robot", Alice));

        foreach (var id in new[] { 1001, 1002, 1003, 1004 })
        {
            var change = Assert.Single(Logs.Events, e => e.Properties.TryGetValue("EventId", out var eventId) && eventId is StructureValue s
                && s.Properties.Any(p => p.Name == "Id" && p.Value.ToString() == id.ToString(CultureInfo.InvariantCulture))
                && e.Properties["ClientId"] is ScalarValue { Value: "robot" });
            Assert.Equal(Alice, ((ScalarValue)change.Properties["Actor"]).Value);
        }

        Assert.False(Logs.HasEvent(5001), "a client change was logged twice: its own event and the generic audit line 5001");

        Assert.DoesNotContain(RobotSecret, Logs.AllText);
        Assert.DoesNotContain(rotated.GeneratedSecret!, Logs.AllText);
    }

    private static ClientSettings Robot(params string[] scopes) => new(["client_credentials"], scopes, null, []);

    private async Task<T> WithClientsAsync<T>(Func<ClientAdministration, Task<T>> action)
    {
        await using var scope = Server.Services.CreateAsyncScope();
        return await action(scope.ServiceProvider.GetRequiredService<ClientAdministration>());
    }
}
