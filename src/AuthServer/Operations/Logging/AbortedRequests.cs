using System.Diagnostics;

namespace AuthServer.Operations.Logging;

/// <summary>
/// A client that drops its connection mid-request is not a server error. Whatever was under way (a Bubble
/// call, a store command) is cancelled with the request and throws; without this, that exception reached
/// the request log as an Error line with a 500 and a stack trace, and the HTTP metrics as a 500. Here it
/// ends the request as aborted: logged once, at Information (event 2051), with status 499 ("client closed
/// request", as nginx names it) where nothing was sent yet, and the completion line goes to Debug
/// (<see cref="RequestLogLevels"/>). Any other exception, or one while the client is still there, is left alone.
/// </summary>
public sealed class AbortedRequests(RequestDelegate next, ILogger<AbortedRequests> logger)
{
    public const int ClientClosedRequest = 499;

    private const string AbortedItem = "authserver:aborted_by_client";

    public static bool WasAborted(HttpContext context) => context.Items.ContainsKey(AbortedItem);

    public async Task InvokeAsync(HttpContext context)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            await next(context);
        }
        catch (Exception ex) when (ex is ClientAbortedRequestException
            || (ex is OperationCanceledException or IOException && context.RequestAborted.IsCancellationRequested))
        {
            context.Items[AbortedItem] = true;
            if (!context.Response.HasStarted)
            {
                context.Response.StatusCode = ClientClosedRequest;
            }

            logger.RequestAbortedByClient(context.Request.Method, context.Request.Path, (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }
    }
}
