using AuthServer.Tests.Infrastructure;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using SampleApi;
using Serilog.Core;

namespace AuthServer.Tests.Administration.Journey;

/// <summary>
/// The real SampleApi, whose token lifetime check reads the test's clock (AuthServer's too), so that an access token
/// expires at the API when the test moves time forward, with SampleApi's own one minute of skew, without waiting.
/// </summary>
public sealed class ClockedSampleApi : LoopbackApp
{
    private ClockedSampleApi(WebApplication app, string url) : base(app, url)
    {
    }

    public static async Task<ClockedSampleApi> StartAsync(string authority, string contentRoot, LogCapture logs, TimeProvider clock)
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
                builder.Services.AddSingleton<ILogEventSink>(logs);
                builder.Services.PostConfigure<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme, options =>
                    options.TokenValidationParameters.LifetimeValidator = (notBefore, expires, _, parameters) =>
                    {
                        var now = clock.GetUtcNow().UtcDateTime;
                        return expires is { } end && now < end + parameters.ClockSkew
                            && (notBefore is not { } start || now >= start - parameters.ClockSkew);
                    });
            }));
        return new ClockedSampleApi(app, url);
    }
}
