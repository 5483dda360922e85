using AuthServer.Bubble;
using AuthServer.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using OpenIddict.Abstractions;
using AuthServer.Administration.Bubble;
using AuthServer.Administration.Clients;
using AuthServer.Tests.Options;

namespace AuthServer.Tests.Protocol.Introspection;

/// <summary>
/// Client ids and resource names never collide unless the client is declared as that API's resource server
/// (issue 19, item 2): OpenIddict lets a client whose id is in a token's <c>aud</c> introspect it, scope and claims included.
/// </summary>
public sealed class ResourceServerCollisionTests : ExchangeTest
{
    [Fact]
    public async Task An_undeclared_client_whose_id_is_the_audience_cannot_introspect_another_clients_user_tokens()
    {
        // As a store edited behind the rules' back would hold it.
        await StoredClients.CreateAsync(Server.Services, new AuthServer.Options.ClientDefinition
        {
            ClientId = "sample-api",
            ClientSecret = "sample-api-secret-0123456789",
            GrantTypes = ["client_credentials"],
            Scopes = ["sample-api.read"],
        });

        var token = (await ExchangeAsync(await LogInAsync(Bubble.Url))).AccessToken;
        var result = await Tokens.IntrospectAsync(token, "sample-api", "sample-api-secret-0123456789");

        Assert.False(result.GetProperty("active").GetBoolean(), result.ToString());
        Assert.False(result.TryGetProperty("email", out _));
        Assert.True(Logs.HasEvent(1052), "the refused introspection (1052) was not logged: " + Logs.AllText);
        Assert.True((await Tokens.IntrospectAsync(token, BubbleClient, BubbleSecret)).GetProperty("active").GetBoolean());
    }

    [Fact]
    public async Task The_cli_refuses_a_client_id_equal_to_a_resource_unless_declared_its_resource_server()
    {
        var undeclared = await CliRunner.RunAsync(DatabaseFile, Server.Url, "clients add --client-id sample-api --grant client_credentials --scope sample-api.read");
        var declared = await CliRunner.RunAsync(DatabaseFile, Server.Url,
            "clients add --client-id sample-api --grant client_credentials --scope sample-api.read --resource-server");

        Assert.Equal(1, undeclared.ExitCode);
        Assert.Contains("--client-id 'sample-api' is the name of a resource", undeclared.Error);
        Assert.Contains("--resource-server", undeclared.Error);
        Assert.Equal(0, declared.ExitCode);
    }

    [Fact]
    public async Task The_console_refuses_a_client_id_equal_to_a_resource()
    {
        await using var scope = Server.Services.CreateAsyncScope();
        var outcome = await scope.ServiceProvider.GetRequiredService<ClientAdministration>().CreateAsync("sample-api",
            new(["client_credentials"], ["sample-api.read"], null, []), null, "admin:alice");

        Assert.Contains("is the name of a resource", Assert.IsType<ClientInvalid>(outcome).Problems[0]);
    }

    [Fact]
    public async Task The_wizard_never_suggests_a_resources_name_or_a_bubble_id_as_client_id()
    {
        await using var scope = Server.Services.CreateAsyncScope();
        var wizard = scope.ServiceProvider.GetRequiredService<ConnectWizard>();

        var named = await wizard.SuggestClientIdAsync(BubbleAppUrlCheck.Check("https://sample-api.bubbleapps.io", allowPrivateAddresses: false), CancellationToken.None);
        var idLike = await wizard.SuggestClientIdAsync(BubbleAppUrlCheck.Check("https://1234567890123x42.bubbleapps.io", allowPrivateAddresses: false), CancellationToken.None);

        Assert.Equal("sample-api-2", named);
        Assert.DoesNotMatch("^[0-9]+x[0-9]+$", idLike);
    }

    [Theory]
    [InlineData("false")]
    [InlineData(null)]
    public Task A_client_named_after_a_resource_stops_the_start_unless_declared_its_resource_server(string? declared) =>
        ConfigurationValidationTests.AssertStartFailsNamingAsync("Clients:0:ClientId", new Dictionary<string, string?>
        {
            ["Scopes:0:Resources:0"] = "c", // the client id of the validation tests' client
            ["Clients:0:ResourceServer"] = declared,
        });
}
