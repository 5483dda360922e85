using AuthServer.Keys;
using AuthServer.Protocol;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Serilog;

namespace AuthServer.Hosting;

public static class AuthServerApplicationExtensions
{
    public static WebApplication UseAuthServer(this WebApplication app)
    {
        app.UseSerilogRequestLogging();
        app.UseMiddleware<NoStoreResponses>();
        app.UseMiddleware<ProtocolRequestGuard>();
        app.UseMiddleware<MetadataHeadRequests>();
        app.UseMiddleware<KeyRingRefreshMiddleware>();
        app.UseAuthentication();

        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false });
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = check => check.Tags.Contains("ready") });
        return app;
    }
}
