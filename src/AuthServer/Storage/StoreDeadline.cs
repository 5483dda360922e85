using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace AuthServer.Storage;

/// <summary>
/// Holds every store command of a request to that request's deadline (<c>Database:RequestDeadline</c>, set by
/// <c>StoreOutageResponses</c>), even where a caller passes no cancellation token (OpenIddict's stores are often
/// called without one): a command running when the deadline passes is cancelled, and a command started after
/// it fails at once. Without this, a database that accepts connections and stops answering held a request for
/// every command timeout and retry in turn. Outside a request (start-up, background jobs, the CLI) nothing changes.
/// </summary>
public sealed class StoreDeadline(IHttpContextAccessor http) : DbCommandInterceptor, IDbConnectionInterceptor
{
    // Opening cannot be cancelled once begun (Npgsql's Timeout bounds it); past the deadline it is not begun,
    // which also ends the execution strategy's retries.
    public ValueTask<InterceptionResult> ConnectionOpeningAsync(DbConnection connection, ConnectionEventData eventData,
        InterceptionResult result, CancellationToken cancellationToken = default)
    {
        http.HttpContext?.RequestAborted.ThrowIfCancellationRequested();
        return ValueTask.FromResult(result);
    }

    private readonly ConditionalWeakTable<DbCommand, StrongBox<CancellationTokenRegistration>> _armed = new();

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData,
        InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        Arm(command);
        return ValueTask.FromResult(result);
    }

    public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData,
        InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Arm(command);
        return ValueTask.FromResult(result);
    }

    public override ValueTask<InterceptionResult<object>> ScalarExecutingAsync(DbCommand command, CommandEventData eventData,
        InterceptionResult<object> result, CancellationToken cancellationToken = default)
    {
        Arm(command);
        return ValueTask.FromResult(result);
    }

    public override ValueTask<int> NonQueryExecutedAsync(DbCommand command, CommandExecutedEventData eventData, int result,
        CancellationToken cancellationToken = default)
    {
        Disarm(command);
        return ValueTask.FromResult(result);
    }

    public override ValueTask<object?> ScalarExecutedAsync(DbCommand command, CommandExecutedEventData eventData, object? result,
        CancellationToken cancellationToken = default)
    {
        Disarm(command);
        return ValueTask.FromResult(result);
    }

    // A reader's rows are read after it is returned: the deadline holds until it is closed.
    public override InterceptionResult DataReaderClosing(DbCommand command, DataReaderClosingEventData eventData, InterceptionResult result)
    {
        Disarm(command);
        return result;
    }

    public override ValueTask<InterceptionResult> DataReaderClosingAsync(DbCommand command, DataReaderClosingEventData eventData,
        InterceptionResult result)
    {
        Disarm(command);
        return ValueTask.FromResult(result);
    }

    public override Task CommandFailedAsync(DbCommand command, CommandErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        Disarm(command);
        return Task.CompletedTask;
    }

    private void Arm(DbCommand command)
    {
        if (http.HttpContext?.RequestAborted is not { CanBeCanceled: true } deadline)
        {
            return;
        }

        deadline.ThrowIfCancellationRequested();
        var registration = deadline.Register(static state => ((DbCommand)state!).Cancel(), command);
        _armed.AddOrUpdate(command, new StrongBox<CancellationTokenRegistration>(registration));
    }

    private void Disarm(DbCommand command)
    {
        if (_armed.TryGetValue(command, out var armed))
        {
            armed.Value.Dispose();
            _armed.Remove(command);
        }
    }
}
