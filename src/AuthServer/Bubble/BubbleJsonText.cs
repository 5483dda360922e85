using System.Text.Json;

namespace AuthServer.Bubble;

/// <summary>
/// Reads a string of a Bubble answer without letting a value that no token or JSON answer can carry escape as an
/// exception. JSON may escape a lone UTF-16 surrogate (<c>"\ud800"</c>), which parses, but which
/// <see cref="JsonElement.GetString"/> refuses with an <see cref="InvalidOperationException"/> (not a JsonException),
/// and which no JWT or JSON writer could write back: such a value is no text at all.
/// </summary>
public static class BubbleJsonText
{
    /// <summary>
    /// The members of a JSON object by name, the last of a repeated name winning (as <see cref="JsonElement.TryGetProperty(string, out JsonElement)"/>
    /// finds it). Members whose name is no text are left out: no field AuthServer reads has such a name, and
    /// TryGetProperty itself throws on one (a lone low surrogate in any key it passes while searching).
    /// </summary>
    public static IReadOnlyDictionary<string, JsonElement> Members(JsonElement value)
    {
        var members = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        foreach (var member in value.EnumerateObject())
        {
            string name;
            try
            {
                name = member.Name;
            }
            catch (InvalidOperationException)
            {
                continue;
            }

            if (BubbleLimits.IsWellFormed(name))
            {
                members[name] = member.Value;
            }
        }

        return members;
    }

    /// <summary>The string, or false when it is not well-formed UTF-16 text; only for a value of kind String.</summary>
    public static bool TryGetText(JsonElement value, out string text)
    {
        try
        {
            text = value.GetString()!;
            return BubbleLimits.IsWellFormed(text);
        }
        catch (InvalidOperationException)
        {
            text = "";
            return false;
        }
    }
}
