using Serilog.Events;
using Serilog.Formatting.Display;
using Serilog.Parsing;
using AuthServer.Operations.Logging;

namespace AuthServer.Tests.Operations.Logging;

public sealed class BatchedConsoleSinkTests
{
    [Fact]
    public async Task A_batch_is_written_in_order_in_one_write_of_utf8_text()
    {
        var output = new CountingStream();
        var sink = new BatchedConsoleSink(new MessageTemplateTextFormatter("{Message:lj}{NewLine}"), output);

        await sink.EmitBatchAsync([Event("first"), Event("zweite Zeile: Grüße"), Event("third")]);

        Assert.Equal(1, output.Writes);
        Assert.Equal($"first{Environment.NewLine}zweite Zeile: Grüße{Environment.NewLine}third{Environment.NewLine}",
            System.Text.Encoding.UTF8.GetString(output.ToArray()));
    }

    [Fact]
    public async Task Each_batch_starts_from_an_empty_buffer()
    {
        var output = new CountingStream();
        var sink = new BatchedConsoleSink(new MessageTemplateTextFormatter("{Message:lj};"), output);

        await sink.EmitBatchAsync([Event("a")]);
        await sink.EmitBatchAsync([Event("b")]);

        Assert.Equal("a;b;", System.Text.Encoding.UTF8.GetString(output.ToArray()));
        Assert.Equal(2, output.Writes);
    }

    private static LogEvent Event(string text) =>
        new(DateTimeOffset.UnixEpoch, LogEventLevel.Information, null, new MessageTemplateParser().Parse(text), []);

    private sealed class CountingStream : MemoryStream
    {
        public int Writes { get; private set; }

        // A derived MemoryStream routes span writes here too, so each write is counted once.
        public override void Write(byte[] buffer, int offset, int count)
        {
            Writes++;
            base.Write(buffer, offset, count);
        }
    }
}
