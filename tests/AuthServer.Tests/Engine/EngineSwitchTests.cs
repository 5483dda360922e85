using AuthServer.Hosting;
using AuthServer.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using OpenIddict.Abstractions;
using OpenIddict.Core;
using OpenIddict.EntityFrameworkCore;
using OpenIddict.EntityFrameworkCore.Models;
using OpenIddict.Server;
using Serilog.Core;
using AuthServer.Engine;
using AuthServer.Storage;

namespace AuthServer.Tests.Engine;

/// <summary>
/// <c>Engine:Enabled</c> puts in every piece of Engine/ or none: switched off, the server runs OpenIddict's own
/// application manager (with the project's rotating client secrets), dispatcher, store context, entity caches and handlers, and no type of Engine/ is registered.
/// CI runs the protocol tests that way (.ci/run); this proves the switch reaches every piece.
/// </summary>
public sealed class EngineSwitchTests
{
    [Fact]
    public async Task Switched_on_the_engine_replaces_OpenIddicts_internals()
    {
        await using var server = await StartAsync(enabled: true);
        await using var scope = server.App.Services.CreateAsyncScope();
        var provider = scope.ServiceProvider;

        Assert.IsType<CachingApplicationManager>(provider.GetRequiredService<IOpenIddictApplicationManager>());
        Assert.IsType<PlannedServerDispatcher>(provider.GetRequiredService<IOpenIddictServerDispatcher>());
        Assert.IsType<LazyStoreContext>(provider.GetRequiredService<IOpenIddictEntityFrameworkCoreContext>());
        Assert.IsType<LazyApplicationCache<OpenIddictEntityFrameworkCoreApplication>>(
            provider.GetRequiredService<IOpenIddictApplicationCache<OpenIddictEntityFrameworkCoreApplication>>());
        var handlers = Handlers(server.App.Services);
        foreach (var replacement in EngineHandlers.Replacements)
        {
            Assert.Contains(replacement.Ours.ServiceDescriptor.ServiceType, handlers);
            Assert.DoesNotContain(replacement.Stock.ServiceDescriptor.ServiceType, handlers);
        }
    }

    [Fact]
    public async Task Switched_off_stock_OpenIddict_does_the_work_and_no_engine_type_is_registered()
    {
        await using var server = await StartAsync(enabled: false);
        await using var scope = server.App.Services.CreateAsyncScope();
        var provider = scope.ServiceProvider;

        // OpenIddict's manager, with only the project's rotating client secrets (a feature, not an engine tuning) on top.
        Assert.IsType<AuthServer.Storage.ClientSecrets.SecretCheckingApplicationManager>(provider.GetRequiredService<IOpenIddictApplicationManager>());
        Assert.IsType<OpenIddictServerDispatcher>(provider.GetRequiredService<IOpenIddictServerDispatcher>());
        Assert.IsType<OpenIddictEntityFrameworkCoreContext<AuthDbContext>>(provider.GetRequiredService<IOpenIddictEntityFrameworkCoreContext>());
        Assert.IsType<OpenIddictApplicationCache<OpenIddictEntityFrameworkCoreApplication>>(
            provider.GetRequiredService<IOpenIddictApplicationCache<OpenIddictEntityFrameworkCoreApplication>>());
        var handlers = Handlers(server.App.Services);
        foreach (var replacement in EngineHandlers.Replacements)
        {
            Assert.Contains(replacement.Stock.ServiceDescriptor.ServiceType, handlers);
            Assert.DoesNotContain(replacement.Ours.ServiceDescriptor.ServiceType, handlers);
        }

        Assert.False(provider.GetRequiredService<IOptions<EngineOptions>>().Value.Enabled);
        Assert.Empty(server.Services.Where(service => IsEngineType(service.ServiceType) || IsEngineType(service.ImplementationType)
            || IsEngineType(service.ImplementationInstance?.GetType())).Select(service => service.ServiceType.FullName));
        Assert.DoesNotContain(handlers, IsEngineType);
    }

    // EngineOptions is the switch itself: bound whether the engine is on or off.
    private static bool IsEngineType(Type? type) =>
        type is not null && type != typeof(EngineOptions) && type.Namespace == typeof(EngineOptions).Namespace;

    private static List<Type> Handlers(IServiceProvider services) =>
        services.GetRequiredService<IOptionsMonitor<OpenIddictServerOptions>>().CurrentValue.Handlers
            .Select(handler => handler.ServiceDescriptor.ServiceType).ToList();

    private static async Task<Node> StartAsync(bool enabled)
    {
        var directory = new TestDirectory();
        var settings = AuthServerInstance.Configuration("http://127.0.0.1", directory.File("authserver.db"), new Dictionary<string, string?>
        {
            // Set here, so the test means the same whatever Engine__Enabled the run has.
            ["Engine:Enabled"] = enabled ? "true" : "false",
        });
        IServiceCollection? services = null;
        var app = AuthServerHost.Build(
            new WebApplicationOptions { EnvironmentName = "Testing", ContentRootPath = directory.Path },
            builder =>
            {
                builder.Services.AddSingleton<IServer, NonListeningServer>();
                builder.Services.AddSingleton<ILogEventSink>(new LogCapture());
                services = builder.Services;
            },
            settings);
        await app.StartAsync();
        return new Node(app, services!, directory);
    }

    private sealed record Node(WebApplication App, IServiceCollection Services, TestDirectory Directory) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await App.StopAsync();
            await App.DisposeAsync();
            Directory.Dispose();
        }
    }
}
