using System.Collections.Concurrent;
using System.Data.Common;
using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace AuthServer.Tests.Infrastructure;

/// <summary>
/// Records the SQL commands EF Core runs against one server's store, from EF's diagnostic events (which
/// every context in the process raises; tests running in parallel use other SQLite files or PostgreSQL
/// databases, so their commands are not recorded).
/// </summary>
public sealed class StoreCommandRecorder : IObserver<DiagnosticListener>, IObserver<KeyValuePair<string, object?>>, IDisposable
{
    private readonly string _store;
    private readonly IDisposable _subscription;
    private readonly ConcurrentQueue<IDisposable> _listeners = new();
    private readonly ConcurrentQueue<string> _commands = new();

    public StoreCommandRecorder(IServiceProvider server)
    {
        using (var scope = server.CreateScope())
        {
            _store = StoreOf(scope.ServiceProvider.GetRequiredService<AuthServer.Storage.AuthDbContext>().Database.GetDbConnection());
        }

        _subscription = DiagnosticListener.AllListeners.Subscribe(this);
    }

    public IReadOnlyList<string> Commands => [.. _commands];

    public void Clear() => _commands.Clear();

    public int Count(string sqlStart) => Commands.Count(command => command.TrimStart().StartsWith(sqlStart, StringComparison.Ordinal));

    public void OnNext(DiagnosticListener listener)
    {
        if (listener.Name == DbLoggerCategory.Name)
        {
            _listeners.Enqueue(listener.Subscribe(this));
        }
    }

    public void OnNext(KeyValuePair<string, object?> value)
    {
        if (value.Key == RelationalEventId.CommandExecuted.Name && value.Value is CommandExecutedEventData executed
            && executed.Command.Connection is { } connection && StoreOf(connection) == _store)
        {
            _commands.Enqueue(executed.Command.CommandText);
        }
    }

    private static string StoreOf(DbConnection connection) => $"{connection.DataSource}|{connection.Database}";

    public void OnCompleted() { }

    public void OnError(Exception error) { }

    public void Dispose()
    {
        _subscription.Dispose();
        while (_listeners.TryDequeue(out var listener))
        {
            listener.Dispose();
        }
    }
}
