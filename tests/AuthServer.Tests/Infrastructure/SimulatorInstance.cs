using BubbleSimulator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace AuthServer.Tests.Infrastructure;

/// <summary>The Bubble simulator on a loopback port; tests drive its users, clock and faults directly.</summary>
public sealed class SimulatorInstance : LoopbackApp
{
    private SimulatorInstance(WebApplication app, string url) : base(app, url)
    {
        Simulator = app.Services.GetRequiredService<Simulator>();
    }

    public string VersionTestUrl => $"{Url}/version-test";

    public Simulator Simulator { get; }

    public static async Task<SimulatorInstance> StartAsync(string contentRoot)
    {
        var (app, url) = await StartOnFreePortAsync(url => SimulatorHost.Build(
            new WebApplicationOptions { EnvironmentName = "Testing", ContentRootPath = contentRoot }, builder =>
            {
                builder.WebHost.UseUrls(url);
                builder.Logging.ClearProviders();
            }));
        return new SimulatorInstance(app, url);
    }
}
