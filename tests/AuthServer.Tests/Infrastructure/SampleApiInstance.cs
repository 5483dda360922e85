using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using SampleApi;
using Serilog.Core;

namespace AuthServer.Tests.Infrastructure;

/// <summary>The real SampleApi on Kestrel at a loopback port, trusting the given AuthServer.</summary>
public sealed class SampleApiInstance : LoopbackApp
{
    private SampleApiInstance(WebApplication app, string url) : base(app, url)
    {
    }

    public static async Task<SampleApiInstance> StartAsync(string authority, string contentRoot, LogCapture logs,
        IDictionary<string, string?>? settings = null, Action<IServiceCollection>? configureServices = null)
    {
        var (app, url) = await StartOnFreePortAsync(url => SampleApiHost.Build(
            new WebApplicationOptions { EnvironmentName = "Testing", ContentRootPath = contentRoot },
            builder =>
            {
                builder.WebHost.UseUrls(url);
                builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
                {
                    ["Auth:Authority"] = authority,
                    ["Auth:Audience"] = "sample-api",
                    ["Auth:RequireHttpsMetadata"] = "false",
                });
                builder.Configuration.AddInMemoryCollection(settings ?? new Dictionary<string, string?>());
                builder.Services.AddSingleton<ILogEventSink>(logs);
                configureServices?.Invoke(builder.Services);
            }));
        return new SampleApiInstance(app, url);
    }
}
