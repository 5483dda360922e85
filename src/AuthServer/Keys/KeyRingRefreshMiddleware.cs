namespace AuthServer.Keys;

/// <summary>
/// Before each protocol request, picks up key changes made by another node, the CLI or the clock,
/// so a rotation or a revocation takes effect at the next request without a restart.
/// </summary>
public sealed class KeyRingRefreshMiddleware(RequestDelegate next, KeyRing ring)
{
    public async Task InvokeAsync(HttpContext context)
    {
        if (context.Request.Path.StartsWithSegments("/connect") || context.Request.Path.StartsWithSegments("/.well-known"))
        {
            await ring.RefreshAsync(context.RequestAborted);
        }

        await next(context);
    }
}
