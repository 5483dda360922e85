using System.Text.Json;

namespace AuthServer.Cli;

/// <summary>Terminal tables for people, JSON for scripts.</summary>
public static class Output
{
    private static readonly JsonSerializerOptions JsonOptions = new() { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    public static Task JsonAsync<T>(TextWriter writer, T value) => writer.WriteLineAsync(JsonSerializer.Serialize(value, JsonOptions));

    public static async Task TableAsync(TextWriter writer, string[] headers, IReadOnlyList<string[]> rows)
    {
        var widths = headers.Select((h, i) => rows.Select(r => r[i].Length).Append(h.Length).Max()).ToArray();
        await writer.WriteLineAsync(Line(headers, widths));
        await writer.WriteLineAsync(Line(widths.Select(w => new string('-', w)).ToArray(), widths));
        foreach (var row in rows)
        {
            await writer.WriteLineAsync(Line(row, widths));
        }
    }

    private static string Line(string[] cells, int[] widths) =>
        string.Join("  ", cells.Select((c, i) => c.PadRight(widths[i]))).TrimEnd();
}
