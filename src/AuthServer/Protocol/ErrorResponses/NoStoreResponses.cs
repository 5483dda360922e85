
namespace AuthServer.Protocol.ErrorResponses;

/// <summary>
/// RFC 6749 §5.1 and RFC 7662 §2.2: answers of the token, introspection and revocation endpoints
/// carry tokens or facts about them and must never be cached. OpenIddict marks only some of them
/// (its introspection answers and 401s had no header), so every answer under <c>/connect</c>,
/// success or error, whoever wrote it, is marked here just before its headers leave.
/// </summary>
public sealed class NoStoreResponses(RequestDelegate next)
{
    public Task InvokeAsync(HttpContext context)
    {
        if (context.Request.Path.StartsWithSegments("/connect"))
        {
            context.Response.OnStarting(static state =>
            {
                var headers = ((HttpResponse)state).Headers;
                headers.CacheControl = "no-store";
                headers.Pragma = "no-cache";
                return Task.CompletedTask;
            }, context.Response);
        }

        return next(context);
    }
}
