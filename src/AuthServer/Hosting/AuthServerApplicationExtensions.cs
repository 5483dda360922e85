using AuthServer.Keys;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Serilog;
using AuthServer.AdminConsole;
using AuthServer.Operations.Logging;
using AuthServer.Operations.Proxy;
using AuthServer.Operations.Telemetry;
using AuthServer.Protocol.Discovery;
using AuthServer.Protocol.ErrorResponses;
using AuthServer.Protocol.Guards;
using AuthServer.Protocol.UserSessions;

namespace AuthServer.Hosting;

public static class AuthServerApplicationExtensions
{
    public static WebApplication UseAuthServer(this WebApplication app)
    {
        // First, so the request log, the HTTPS requirement and HSTS see the client's scheme and address.
        app.UseProxySupport();
        app.UseAuthServerMetrics();

        // The host's Serilog logger, not the static bootstrap one: its configuration applies, and the
        // bootstrap logger's lock is not taken on every request.
        var levels = new RequestLogLevels(app.Services.GetRequiredService<MetadataPaths>());
        app.UseSerilogRequestLogging(options =>
        {
            options.Logger = app.Services.GetRequiredService<Serilog.ILogger>();
            options.GetLevel = levels.For;
        });
        app.UseMiddleware<AbortedRequests>(); // inside the request log, which then sees no exception
        app.UseAdminConsole();
        app.UseMiddleware<NoStoreResponses>();
        app.UseMiddleware<ProtocolRequestGuard>();
        app.UseMiddleware<StoreOutageResponses>();
        app.UseMiddleware<MetadataHeadRequests>();
        app.UseMiddleware<KeyRingRefreshMiddleware>();
        app.UseMiddleware<MetadataDocumentCache>();
        app.UseAuthentication();

        app.MapRevokeSessions();
        app.MapServiceRoot();
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false });
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = check => check.Tags.Contains("ready") });
        return app;
    }
}
