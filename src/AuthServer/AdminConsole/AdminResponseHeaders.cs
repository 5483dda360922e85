
namespace AuthServer.AdminConsole;

/// <summary>
/// The console's answers, pages, redirects, errors and assets alike: a Content-Security-Policy that allows no
/// inline script and nothing from another origin, no framing, no sniffing, no referrer, and never a cache (a
/// page shows client settings, and a new secret once).
/// </summary>
public sealed class AdminResponseHeaders(RequestDelegate next)
{
    public const string ContentSecurityPolicy = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
        + "frame-ancestors 'none'; form-action 'self'; base-uri 'none'; object-src 'none'";

    public Task InvokeAsync(HttpContext context)
    {
        context.Response.OnStarting(static state =>
        {
            var headers = ((HttpResponse)state).Headers;
            headers.ContentSecurityPolicy = ContentSecurityPolicy;
            headers.XFrameOptions = "DENY";
            headers.XContentTypeOptions = "nosniff";
            headers["Referrer-Policy"] = "no-referrer";
            headers.CacheControl = "no-store";
            headers.Pragma = "no-cache";
            return Task.CompletedTask;
        }, context.Response);
        return next(context);
    }
}
