using AuthServer.Options;
using Microsoft.Extensions.Options;

namespace AuthServer.AdminConsole;

/// <summary>
/// With <c>Auth:RequireHttps</c> (the default outside Development) the console answers plain HTTP with 400 before
/// anything reads the request, so a password sent in clear is never checked, as the token endpoint refuses plain
/// HTTP. HTTPS is the request's own scheme or, through a listed proxy, its <c>X-Forwarded-Proto</c> (the forwarded
/// headers middleware runs first). One exception: a console address of <c>Admin:Urls</c> on a loopback IP, which
/// only this machine can reach (an SSH tunnel ends there), so nothing crosses a network in clear.
/// </summary>
public sealed class AdminTransportSecurity(RequestDelegate next, IOptions<AuthOptions> auth, IOptions<AdminOptions> admin)
{
    public const string Refusal = "The admin console requires HTTPS: open it over https://, through a proxy listed in ForwardedHeaders, "
        + "or on a loopback address of Admin:Urls.";

    private readonly IReadOnlySet<int> _loopbackPorts = admin.Value.LoopbackListenPorts();

    public Task InvokeAsync(HttpContext context)
    {
        if (auth.Value.RequireHttps != true || context.Request.IsHttps || _loopbackPorts.Contains(context.Connection.LocalPort))
        {
            return next(context);
        }

        context.Response.StatusCode = StatusCodes.Status400BadRequest;
        context.Response.ContentType = "text/plain; charset=utf-8";
        return context.Response.WriteAsync(Refusal, context.RequestAborted);
    }
}
