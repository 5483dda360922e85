using AuthServer.Administration.Admins;
using AuthServer.Administration.Audit;
using AuthServer.Administration.Bubble;
using AuthServer.Administration.Clients;
using AuthServer.Administration.Keys;
using AuthServer.Bubble;
using AuthServer.Cli;
using AuthServer.Storage;
using AuthServer.Tests.Infrastructure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OpenIddict.Abstractions;
using OpenIddict.Server;

namespace AuthServer.Tests.Cli;

/// <summary>
/// The CLI loads the application layer it shares with the console, and nothing of the protocol: no OpenIddict server
/// (its dispatcher, its handlers), none of the engine's replaced internals, no Bubble HTTP client and none of the
/// console's Bubble services, which need it.
/// </summary>
public sealed class CliServicesTests : IDisposable
{
    private readonly TestDirectory _directory = new();

    [Fact]
    public void The_cli_has_no_openiddict_server_no_engine_and_no_bubble_http_client()
    {
        var services = CliServices();
        using var provider = services.BuildServiceProvider();
        using var scope = provider.CreateScope();

        Assert.DoesNotContain(services, d => d.ServiceType == typeof(IOpenIddictServerDispatcher));
        Assert.Null(scope.ServiceProvider.GetService<IOpenIddictServerDispatcher>());
        // The options list OpenIddict's built-in handlers from the start; AddServer is what registers them and configures the options.
        Assert.DoesNotContain(services, d => Mentions(d, typeof(OpenIddictServerOptions).Assembly));
        Assert.DoesNotContain(services, d => d.ServiceType == typeof(BubbleUserClient));
        Assert.Null(scope.ServiceProvider.GetService<BubbleUserClient>());
        Assert.All([typeof(WhoamiProbe), typeof(ConnectWizard), typeof(BubbleConnectionGuide)],
            type => Assert.Null(scope.ServiceProvider.GetService(type)));
        Assert.DoesNotContain(services, d => ImplementationOf(d)?.Namespace?.StartsWith("AuthServer.Engine", StringComparison.Ordinal) == true);
    }

    [Fact]
    public void Every_service_of_the_cli_can_be_built_and_the_administration_layer_resolves()
    {
        var services = CliServices();
        using var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
        using var scope = provider.CreateScope();

        Assert.All([typeof(ClientAdministration), typeof(KeyAdministration), typeof(AdminAccounts), typeof(AdminSignIn),
                typeof(AdminAudit), typeof(AuthDbContext), typeof(IOpenIddictApplicationManager), typeof(IOpenIddictScopeManager)],
            type => Assert.NotNull(scope.ServiceProvider.GetRequiredService(type)));
    }

    public void Dispose() => _directory.Dispose();

    private IServiceCollection CliServices()
    {
        var builder = CliApp.CreateHostBuilder();
        builder.Configuration.AddInMemoryCollection(TestStore.Settings(_directory.File("cli.db")));
        return builder.Services;
    }

    /// <summary>Whether the registration's service or implementation is (or is generic over) a type of <paramref name="assembly"/>.</summary>
    private static bool Mentions(ServiceDescriptor descriptor, System.Reflection.Assembly assembly) =>
        new[] { descriptor.ServiceType, ImplementationOf(descriptor) }.OfType<Type>()
            .SelectMany(t => t.IsGenericType ? t.GetGenericArguments().Append(t) : [t])
            .Any(t => t.Assembly == assembly);

    private static Type? ImplementationOf(ServiceDescriptor descriptor) => descriptor.IsKeyedService
        ? descriptor.KeyedImplementationType ?? descriptor.KeyedImplementationInstance?.GetType()
        : descriptor.ImplementationType ?? descriptor.ImplementationInstance?.GetType();
}
