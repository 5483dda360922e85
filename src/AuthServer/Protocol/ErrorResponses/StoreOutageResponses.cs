using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using AuthServer.Options;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Options;
using AuthServer.Operations.Logging;

namespace AuthServer.Protocol.ErrorResponses;

/// <summary>
/// A lost database is an outage, not a server bug: an endpoint under <c>/connect</c> whose store
/// cannot be reached answers 503 <c>temporarily_unavailable</c> with a <c>Retry-After</c>, as RFC 6749
/// allows, instead of a 500, and so does a request that outlives <c>Database:RequestDeadline</c>, which
/// bounds how long a stalled database can hold it. The node recovers by itself, since every request
/// takes a fresh pooled connection.
/// </summary>
public sealed class StoreOutageResponses(RequestDelegate next, IOptions<DatabaseOptions> database, ILogger<StoreOutageResponses> logger)
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

        // Every store command and Bubble call of the request sees this token, so a database that stopped
        // answering costs a request the deadline at most, not every timeout and retry in turn.
        var clientAborted = context.RequestAborted;
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(clientAborted);
        deadline.CancelAfter(database.Value.RequestDeadline);
        context.RequestAborted = deadline.Token;
        try
        {
            await next(context);
        }
        catch (Exception ex) when (!context.Response.HasStarted && !clientAborted.IsCancellationRequested
            && (IsStoreFailure(ex) || (ex is OperationCanceledException && deadline.IsCancellationRequested)))
        {
            logger.StoreUnavailable(context.Request.Path, ex.GetBaseException().GetType().Name);
            context.Response.Clear();
            context.Response.Headers.RetryAfter = "5";
            context.RequestAborted = clientAborted;
            await Unavailable.WriteAsync(context, StatusCodes.Status503ServiceUnavailable);
        }
        finally
        {
            context.RequestAborted = clientAborted;
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
