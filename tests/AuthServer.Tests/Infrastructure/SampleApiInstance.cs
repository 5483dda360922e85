using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using SampleApi;
using Serilog.Core;

namespace AuthServer.Tests.Infrastructure;

/// <summary>The real SampleApi on Kestrel at a loopback port, trusting the given AuthServer.</summary>
public sealed class SampleApiInstance : IAsyncDisposable
{
    private readonly WebApplication _app;

    private SampleApiInstance(WebApplication app, string url)
    {
        _app = app;
        Url = url;
    }

    public string Url { get; }

    public static async Task<SampleApiInstance> StartAsync(string authority, string contentRoot, LogCapture logs,
        IDictionary<string, string?>? settings = null)
    {
        var url = $"http://127.0.0.1:{Ports.Free()}";
        var app = SampleApiHost.Build(
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
            });
        await app.StartAsync();
        return new SampleApiInstance(app, url);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
