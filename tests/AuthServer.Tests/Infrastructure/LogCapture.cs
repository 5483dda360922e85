using System.Collections.Concurrent;
using System.Globalization;
using Serilog.Core;
using Serilog.Events;

namespace AuthServer.Tests.Infrastructure;

/// <summary>A Serilog sink that keeps every event as text: message, properties and exception.</summary>
public sealed class LogCapture : ILogEventSink
{
    private readonly ConcurrentQueue<(LogEvent Event, string Text)> _events = new();

    public void Emit(LogEvent logEvent)
    {
        var text = logEvent.RenderMessage(CultureInfo.InvariantCulture) + " "
            + string.Join(" ", logEvent.Properties.Select(p => $"{p.Key}={p.Value}")) + " " + logEvent.Exception;
        _events.Enqueue((logEvent, text));
    }

    public string AllText => string.Join("\n", _events.Select(e => e.Text));

    public IEnumerable<LogEvent> Events => _events.Select(e => e.Event);

    public bool HasEvent(int eventId) => Events.Any(e =>
        e.Properties.TryGetValue("EventId", out var value) && value is StructureValue s
        && s.Properties.Any(p => p.Name == "Id" && p.Value.ToString() == eventId.ToString(CultureInfo.InvariantCulture)));
}
