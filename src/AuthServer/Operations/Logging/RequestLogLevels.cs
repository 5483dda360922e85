using Serilog.Events;
using AuthServer.Protocol.Discovery;

namespace AuthServer.Operations.Logging;

/// <summary>
/// The level of each request's completion line. A served discovery or JWKS document is a public read
/// with nothing to audit, asked for tens of thousands of times a second under load, so its line is
/// Debug; every other request, and any metadata request that fails, keeps its Information line (or
/// Error, for a 5xx or an exception). A request the client aborted is logged once by
/// <see cref="AbortedRequests"/>, so its completion line is Debug.
/// </summary>
public sealed class RequestLogLevels(MetadataPaths metadata)
{
    public LogEventLevel For(HttpContext context, double elapsedMilliseconds, Exception? exception)
    {
        if (exception is null && AbortedRequests.WasAborted(context))
        {
            return LogEventLevel.Debug;
        }

        var status = context.Response.StatusCode;
        if (exception is not null || status >= StatusCodes.Status500InternalServerError)
        {
            return LogEventLevel.Error;
        }

        return status < StatusCodes.Status400BadRequest && metadata.IsMetadata(context.Request.Path)
            ? LogEventLevel.Debug
            : LogEventLevel.Information;
    }
}
