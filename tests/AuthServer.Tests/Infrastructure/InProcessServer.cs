using AuthServer.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Serilog.Core;

namespace AuthServer.Tests.Infrastructure;

/// <summary>
/// The real AuthServer (the same <see cref="AuthServerHost.Build(WebApplicationOptions, Action{WebApplicationBuilder}?, IEnumerable{KeyValuePair{string, string?}}?)"/>,
/// configuration, middleware, OpenIddict handlers and store as <see cref="AuthServerInstance"/>) on ASP.NET Core's
/// <see cref="TestServer"/>: requests go from an <see cref="HttpClient"/> to the pipeline in memory, with no socket and no port.
/// </summary>
public sealed class InProcessServer : IAsyncDisposable
{
    /// <summary>The address <see cref="TestServer"/> gives its clients, and so the issuer.</summary>
    public const string Address = "http://localhost";

    private readonly WebApplication _app;
    private bool _disposed;

    private InProcessServer(WebApplication app) => _app = app;

    public string Url => Address;

    public IServiceProvider Services => _app.Services;

    /// <summary>A client whose requests run through the server's pipeline in this process.</summary>
    public HttpClient CreateClient() => _app.GetTestClient();

    public static async Task<InProcessServer> StartAsync(string databaseFile, LogCapture logs,
        IDictionary<string, string?>? settings = null, Action<WebApplicationBuilder>? configure = null)
    {
        var app = AuthServerHost.Build(
            new WebApplicationOptions { EnvironmentName = "Testing", ContentRootPath = Path.GetDirectoryName(databaseFile) },
            builder =>
            {
                builder.WebHost.UseTestServer();
                builder.Services.AddSingleton<ILogEventSink>(logs);
                ReusedSigningKeys.Use(builder.Services, databaseFile);
                configure?.Invoke(builder);
            },
            AuthServerInstance.Configuration(Address, databaseFile, settings));
        await app.StartAsync(); // the same start-up as on Kestrel: migration check, clients, scopes, keys
        return new InProcessServer(app);
    }

    public async ValueTask DisposeAsync()
    {
        if (_disposed) return;
        _disposed = true;
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
