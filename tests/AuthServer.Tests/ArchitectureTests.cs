using AuthServer.Hosting;
using AuthServer.Storage;
using System.Text.RegularExpressions;
using NetArchTest.Rules;

namespace AuthServer.Tests;

/// <summary>
/// The floor plan of <c>src/</c>, as rules on which namespace may use which (read from the compiled code, so an
/// unused <c>using</c> does not count). The domain (keys, clients, Bubble), the protocol, the engine and the store
/// never reach up into the administration layer or the console; the CLI shares the administration layer but none of
/// the console or the protocol; and the engine, the replaced OpenIddict internals, depends on no feature at all, so
/// it can be switched off or audited on its own.
/// </summary>
public sealed class ArchitectureTests
{
    private static readonly string[] Features =
    [
        "AuthServer.Protocol", "AuthServer.Bubble", "AuthServer.Administration", "AuthServer.AdminConsole", "AuthServer.Cli",
        "AuthServer.Keys", "AuthServer.Clients", "AuthServer.Operations", "AuthServer.Sessions",
    ];

    [Theory]
    [InlineData("AuthServer.Keys")]
    [InlineData("AuthServer.Clients")]
    [InlineData("AuthServer.Bubble")]
    [InlineData("AuthServer.Protocol")]
    [InlineData("AuthServer.Engine")]
    [InlineData("AuthServer.Storage")]
    [InlineData("AuthServer.Sessions")]
    public void Keys_clients_bubble_protocol_engine_and_storage_do_not_depend_on_administration_or_the_console(string layer)
    {
        AssertNone(In(layer).Should().NotHaveDependencyOnAny("AuthServer.Administration", "AuthServer.AdminConsole"),
            $"{layer} -> Administration/AdminConsole");
    }

    [Fact]
    public void Cli_does_not_depend_on_the_console()
    {
        AssertNone(In("AuthServer.Cli").Should().NotHaveDependencyOn("AuthServer.AdminConsole"), "Cli -> AdminConsole");
    }

    [Fact]
    public void Cli_does_not_depend_on_the_protocol()
    {
        AssertNone(In("AuthServer.Cli").Should().NotHaveDependencyOn("AuthServer.Protocol"), "Cli -> Protocol");
    }

    [Fact]
    public void Cli_does_not_depend_on_the_engine()
    {
        AssertNone(In("AuthServer.Cli").Should().NotHaveDependencyOn("AuthServer.Engine"), "Cli -> Engine");
    }

    [Fact]
    public void Cli_does_not_depend_on_the_Bubble_http_client()
    {
        AssertNone(In("AuthServer.Cli").Should().NotHaveDependencyOn("AuthServer.Bubble.BubbleUserClient"), "Cli -> BubbleUserClient");
    }

    [Fact]
    public void Administration_does_not_depend_on_the_console()
    {
        AssertNone(In("AuthServer.Administration").Should().NotHaveDependencyOn("AuthServer.AdminConsole"),
            "Administration -> AdminConsole");
    }

    [Fact]
    public void Engine_does_not_depend_on_any_feature()
    {
        AssertNone(In("AuthServer.Engine").Should().NotHaveDependencyOnAny(Features), "Engine -> features");
    }

    /// <summary>The types of <paramref name="layer"/> and its sub-namespaces: not <c>AuthServer.Clients</c> for <c>AuthServer.Cli</c>.</summary>
    private static PredicateList In(string layer) =>
        Types.InAssemblies([typeof(AuthServerHost).Assembly, typeof(AuthDbContext).Assembly]).That()
            .ResideInNamespaceMatching($"^{Regex.Escape(layer)}(\\..+)?$");

    private static void AssertNone(ConditionList rule, string name)
    {
        var result = rule.GetResult();
        Assert.True(result.IsSuccessful,
            $"{name}: {string.Join(", ", result.FailingTypeNames ?? [])} break the rule");
    }
}
