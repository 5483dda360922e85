using System.Text;
using Serilog.Core;
using Serilog.Events;
using Serilog.Formatting;

namespace AuthServer.Operations.Logging;

/// <summary>
/// The server's console output: Serilog's own batching hands over the lines waiting at that moment, and they
/// go to standard output in one write. Under load, a line per event each woke a background thread and made a
/// system call of its own, about a tenth of a token request's CPU (docs/benchmarks.md).
/// </summary>
public sealed class BatchedConsoleSink(ITextFormatter formatter, Stream output) : IBatchedLogEventSink, IDisposable
{
    private readonly StringWriter _text = new(System.Globalization.CultureInfo.InvariantCulture);
    private readonly UTF8Encoding _utf8 = new(encoderShouldEmitUTF8Identifier: false);

    public Task EmitBatchAsync(IReadOnlyCollection<LogEvent> batch)
    {
        // Serilog calls this from one background loop at a time, so the buffer is never shared.
        var buffer = _text.GetStringBuilder().Clear();
        foreach (var logEvent in batch)
        {
            formatter.Format(logEvent, _text);
        }

        var bytes = _utf8.GetBytes(buffer.ToString());
        output.Write(bytes);
        output.Flush();
        return Task.CompletedTask;
    }

    public Task OnEmptyBatchAsync() => Task.CompletedTask;

    public void Dispose() => output.Flush();
}
