using AuthServer.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Serilog.Core;
using AuthServer.Tests.Keys;

namespace AuthServer.Tests.Infrastructure;

/// <summary>The real AuthServer on Kestrel at a loopback port, with its own store (see <see cref="TestStore"/>).</summary>
public sealed class AuthServerInstance : LoopbackApp
{
    private AuthServerInstance(WebApplication app, string url) : base(app, url)
    {
    }

    public static async Task<AuthServerInstance> StartAsync(string databaseFile, LogCapture logs,
        IDictionary<string, string?>? settings = null, int? port = null, Action<WebApplicationBuilder>? configure = null)
    {
        var (app, url) = await StartOnFreePortAsync(url => Build(url, databaseFile, logs, settings, configure), port);
        return new AuthServerInstance(app, url);
    }

    private static WebApplication Build(string url, string databaseFile, LogCapture logs, IDictionary<string, string?>? settings,
        Action<WebApplicationBuilder>? configure)
    {
        var config = Configuration(url, databaseFile, settings);

        return AuthServerHost.Build(
            new WebApplicationOptions { EnvironmentName = "Testing", ContentRootPath = Path.GetDirectoryName(databaseFile) },
            builder =>
            {
                builder.WebHost.UseUrls(url);
                builder.Services.AddSingleton<ILogEventSink>(logs);
                ReusedSigningKeys.Use(builder.Services, databaseFile);
                configure?.Invoke(builder);
            },
            config);
    }

    /// <summary>What every test node is configured with: its store, issuer, one script client and the sample scopes.</summary>
    public static Dictionary<string, string?> Configuration(string url, string databaseFile, IDictionary<string, string?>? settings)
    {
        var config = new Dictionary<string, string?>
        {
            ["Auth:Issuer"] = url,
            ["Auth:RequireHttps"] = "false",
            // The Bubble simulator runs on loopback, which outside Development is refused unless allowed.
            ["Bubble:AllowPrivateAddresses"] = "true",
            // Most tests change keys through the CLI and look at the very next request; the default
            // staleness bound is tested on its own (KeySetPropagationTests).
            ["Maintenance:KeyRingRefreshInterval"] = "00:00:00",
            ["Scopes:0:Name"] = "sample-api.read",
            ["Scopes:0:Resources:0"] = "sample-api",
            ["Scopes:1:Name"] = "sample-api.write",
            ["Scopes:1:Resources:0"] = "sample-api",
            ["Clients:0:ClientId"] = TestClients.Script,
            ["Clients:0:ClientSecret"] = TestClients.ScriptSecret,
            ["Clients:0:GrantTypes:0"] = "client_credentials",
            ["Clients:0:Scopes:0"] = "sample-api.read",
        };
        foreach (var (key, value) in TestStore.Settings(databaseFile))
        {
            config[key] = value;
        }

        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            config[key] = value;
        }

        return config;
    }
}
