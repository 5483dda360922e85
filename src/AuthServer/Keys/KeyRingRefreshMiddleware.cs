using AuthServer.Options;
using Microsoft.Extensions.Options;

namespace AuthServer.Keys;

/// <summary>
/// Before protocol requests, picks up key changes made by another node, the CLI or the clock, so a
/// rotation or a revocation takes effect without a restart, within <c>Maintenance:KeyRingRefreshInterval</c>.
/// </summary>
public sealed class KeyRingRefreshMiddleware(RequestDelegate next, KeyRing ring, IOptions<MaintenanceOptions> options)
{
    public async Task InvokeAsync(HttpContext context)
    {
        if (context.Request.Path.StartsWithSegments("/connect") || context.Request.Path.StartsWithSegments("/.well-known"))
        {
            await ring.RefreshIfStaleAsync(options.Value.KeyRingRefreshInterval, context.RequestAborted);
        }

        await next(context);
    }
}
