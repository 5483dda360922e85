using System.Collections.Immutable;
using System.Text;

namespace AuthServer.Administration.Bubble;

/// <summary>
/// One step of the Bubble guide (docs/bubble.md and the console's wizard show the same):
/// a lead-in, its items (numbered when they are a workflow's actions in order) and a closing note. Texts are
/// <see cref="GuideText"/> Markdown.
/// </summary>
public sealed record GuideStep(string Id, string Heading, ImmutableArray<GuideItem> Items, bool Numbered, string? Note = null)
{
    /// <summary>The API Connector calls this step's workflow runs, in its order (the journey test sends them so).</summary>
    public ImmutableArray<ConnectorCall> Runs => [.. Items.Where(i => i.Runs is not null).Select(i => i.Runs!)];

    /// <summary>The step as docs/bubble.md writes it (line breaks aside).</summary>
    public string ToMarkdown()
    {
        var markdown = new StringBuilder(Heading).Append("\n\n");
        for (var i = 0; i < Items.Length; i++)
        {
            var item = Items[i];
            var marker = Numbered ? $"{i + 1}. " : "- ";
            var indent = new string(' ', marker.Length);
            markdown.Append(marker).Append(item.Text).Append('\n');
            if (item.Code is not null)
            {
                markdown.Append('\n').Append(indent).Append("    ").Append(item.Code).Append("\n\n");
            }

            if (item.After is not null)
            {
                markdown.Append(indent).Append(item.After).Append('\n');
            }
        }

        if (Note is not null)
        {
            markdown.Append('\n').Append(Note).Append('\n');
        }

        return markdown.ToString();
    }
}

/// <summary>
/// One item of a step: its text, then optionally a value to paste as it is (with a copy button) and more text.
/// <paramref name="Runs"/> is the API Connector call a workflow's action runs, when it runs one.
/// </summary>
public sealed record GuideItem(string Text, string? Code = null, string? After = null, ConnectorCall? Runs = null);
