using System.Collections.Immutable;
using System.Text.RegularExpressions;

namespace AuthServer.Administration.Bubble;

public enum GuideSegmentKind
{
    Text,

    /// <summary>Something to click or pick in Bubble: a button, an action, a call (<c>**…**</c>).</summary>
    Strong,

    /// <summary>A Bubble setting's label or a dynamic expression (<c>*…*</c>).</summary>
    Emphasis,

    /// <summary>Typed as it is: a name, a URL, a value (<c>`…`</c>).</summary>
    Code,
}

public sealed record GuideSegment(GuideSegmentKind Kind, string Text);

/// <summary>
/// The guide's texts are written in the guide's Markdown, limited to <c>**strong**</c>, <c>*emphasis*</c> and
/// <c>`code`</c>, so that one text serves docs/bubble.md and the console: a page renders the segments (each encoded
/// as text, never as HTML) instead of interpreting Markdown.
/// </summary>
public static partial class GuideText
{
    public static ImmutableArray<GuideSegment> Segments(string markdown)
    {
        var segments = ImmutableArray.CreateBuilder<GuideSegment>();
        var position = 0;
        foreach (Match match in Markup().Matches(markdown))
        {
            if (match.Index > position)
            {
                segments.Add(new GuideSegment(GuideSegmentKind.Text, markdown[position..match.Index]));
            }

            segments.Add(match.Groups["strong"].Success ? new GuideSegment(GuideSegmentKind.Strong, match.Groups["strong"].Value)
                : match.Groups["code"].Success ? new GuideSegment(GuideSegmentKind.Code, match.Groups["code"].Value)
                : new GuideSegment(GuideSegmentKind.Emphasis, match.Groups["em"].Value));
            position = match.Index + match.Length;
        }

        if (position < markdown.Length)
        {
            segments.Add(new GuideSegment(GuideSegmentKind.Text, markdown[position..]));
        }

        return segments.ToImmutable();
    }

    [GeneratedRegex(@"`(?<code>[^`]+)`|\*\*(?<strong>[^*]+)\*\*|\*(?<em>[^*]+)\*")]
    private static partial Regex Markup();
}
