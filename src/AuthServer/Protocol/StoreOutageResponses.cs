using System.Data.Common;
using AuthServer.Logging;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace AuthServer.Protocol;

/// <summary>
/// A lost database is an outage, not a server bug: an endpoint under <c>/connect</c> whose store
/// cannot be reached answers 503 <c>temporarily_unavailable</c> with a <c>Retry-After</c>, as RFC 6749
/// allows, instead of a 500. Connect and command timeouts and a low retry count bound how long that
/// takes (see <c>StoreProvider</c>); the node recovers by itself, since every request opens a fresh
/// pooled connection.
/// </summary>
public sealed class StoreOutageResponses(RequestDelegate next, ILogger<StoreOutageResponses> logger)
{
    private static readonly OAuthError Unavailable = new("temporarily_unavailable",
        "The authorization server cannot reach its store right now; try again shortly.");

    public async Task InvokeAsync(HttpContext context)
    {
        if (!context.Request.Path.StartsWithSegments("/connect"))
        {
            await next(context);
            return;
        }

        try
        {
            await next(context);
        }
        catch (Exception ex) when (IsStoreFailure(ex) && !context.Response.HasStarted && !context.RequestAborted.IsCancellationRequested)
        {
            logger.StoreUnavailable(context.Request.Path, ex.GetBaseException().GetType().Name);
            context.Response.Clear();
            context.Response.Headers.RetryAfter = "5";
            await Unavailable.WriteAsync(context, StatusCodes.Status503ServiceUnavailable);
        }
    }

    /// <summary>The store's own failures: a driver error, the retries running out, or a command that timed out.</summary>
    public static bool IsStoreFailure(Exception ex) => ex switch
    {
        DbException or RetryLimitExceededException => true,
        DbUpdateException { InnerException: { } inner } and not DbUpdateConcurrencyException => IsStoreFailure(inner),
        InvalidOperationException { InnerException: { } inner } => IsStoreFailure(inner),
        TimeoutException => true,
        _ => ex.InnerException is DbException,
    };
}
