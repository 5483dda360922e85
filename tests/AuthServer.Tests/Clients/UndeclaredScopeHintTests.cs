using AuthServer.Clients;
using AuthServer.Options;

namespace AuthServer.Tests.Clients;

/// <summary>An undeclared scope says where to declare it: configuration always; the CLI and console where their scopes count.</summary>
public sealed class UndeclaredScopeHintTests
{
    private static readonly ClientDefinition Robot = new()
    {
        ClientId = "robot", ClientSecret = "robot-secret-0123456789", GrantTypes = ["client_credentials"], Scopes = ["inventory.read"],
    };

    [Fact]
    public void For_the_cli_and_the_console_the_hint_names_configuration_scopes_add_and_the_scopes_page()
    {
        var problem = Assert.Single(ClientRules.Check(Robot, (f, i) => $"{f}:{i}", _ => false));

        Assert.Contains("'inventory.read' is not a declared scope", problem);
        Assert.Contains("Scopes:N:Name", problem);
        Assert.Contains("scopes add NAME --resource RESOURCE", problem);
        Assert.Contains("Scopes page", problem);
    }

    [Fact]
    public void For_a_configured_client_the_hint_names_configuration_only_since_stored_scopes_do_not_count_there()
    {
        var problem = Assert.Single(ClientRules.Check(Robot, (f, i) => $"Clients:0:{f}:{i}", _ => false, storedScopesCount: false));

        Assert.Contains("Scopes:N:Name", problem);
        Assert.DoesNotContain("scopes add", problem);
    }
}
