using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace AuthServer.Tests.Infrastructure;

/// <summary>
/// Records the SQL commands EF Core runs against one SQLite file, from EF's diagnostic events (which every
/// context in the process raises; tests running in parallel use other files, so they are not recorded).
/// </summary>
public sealed class StoreCommandRecorder : IObserver<DiagnosticListener>, IObserver<KeyValuePair<string, object?>>, IDisposable
{
    private readonly string _databaseFile;
    private readonly IDisposable _subscription;
    private readonly ConcurrentQueue<IDisposable> _listeners = new();
    private readonly ConcurrentQueue<string> _commands = new();

    public StoreCommandRecorder(string databaseFile)
    {
        _databaseFile = Path.GetFullPath(databaseFile);
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
            && executed.Command.Connection?.DataSource is { } source && Path.GetFullPath(source) == _databaseFile)
        {
            _commands.Enqueue(executed.Command.CommandText);
        }
    }

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
