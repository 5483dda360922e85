
namespace AuthServer.Protocol.Discovery;

/// <summary>
/// OpenIddict answers only GET at discovery and the JWKS, so a HEAD (link checkers, caches, load
/// balancers) got 400. A HEAD is handed to OpenIddict as a GET; Kestrel still knows the request
/// line said HEAD and sends the headers without the body.
/// </summary>
public sealed class MetadataHeadRequests(RequestDelegate next, MetadataPaths paths)
{
    public async Task InvokeAsync(HttpContext context)
    {
        if (!HttpMethods.IsHead(context.Request.Method) || !paths.IsMetadata(context.Request.Path))
        {
            await next(context);
            return;
        }

        context.Request.Method = HttpMethods.Get;
        try
        {
            await next(context);
        }
        finally
        {
            context.Request.Method = HttpMethods.Head; // so the request log tells the truth
        }
    }
}
