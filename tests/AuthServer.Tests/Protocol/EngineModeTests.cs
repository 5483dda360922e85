using AuthServer.Engine;
using AuthServer.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using OpenIddict.Server;

namespace AuthServer.Tests.Protocol;

/// <summary>
/// The protocol tests run twice in CI: with the engine (Engine/) and, with <c>Engine__Enabled=false</c> in the
/// environment, on stock OpenIddict. This one fails when the second run would quietly test the engine again,
/// e.g. because a setting of the test servers overrides the environment.
/// </summary>
public sealed class EngineModeTests : InProcessServerTest
{
    [Fact]
    public void The_protocol_tests_run_on_the_engine_the_environment_asks_for()
    {
        var off = string.Equals(Environment.GetEnvironmentVariable("Engine__Enabled"), "false", StringComparison.OrdinalIgnoreCase);
        var dispatcher = Server.Services.GetRequiredService<IOpenIddictServerDispatcher>();

        Assert.Equal(off ? typeof(OpenIddictServerDispatcher) : typeof(PlannedServerDispatcher), dispatcher.GetType());
    }
}
