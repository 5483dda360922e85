using System.Text.RegularExpressions;

namespace AuthServer.Tests.Infrastructure;

/// <summary>A Markdown file of the repository (the README, a guide in docs/), read as the tests that hold it to the code need.</summary>
public sealed partial class MarkdownDoc
{
    private MarkdownDoc(string relativePath, string text)
    {
        RelativePath = relativePath;
        Text = text.Replace("\r\n", "\n", StringComparison.Ordinal);
    }

    public string RelativePath { get; }

    public string Text { get; }

    public static MarkdownDoc Read(string relativePath) =>
        new(relativePath, File.ReadAllText(System.IO.Path.Combine(RepositoryRoot.Path, relativePath)));

    /// <summary>The text under a heading (given whole, <c>## Quickstart</c>) up to the next heading of its level or above.</summary>
    public string Section(string heading)
    {
        var level = heading.TakeWhile(c => c == '#').Count();
        var start = Text.StartsWith(heading + "\n", StringComparison.Ordinal) ? 0 : Text.IndexOf("\n" + heading + "\n", StringComparison.Ordinal);
        Assert.True(start >= 0, $"{RelativePath} has no heading '{heading}'.");
        var body = Text[(start + heading.Length + 1)..];
        var next = Heading().Matches(body).FirstOrDefault(m => m.Groups[1].Length <= level && !InFence(body, m.Index));
        return next is null ? body : body[..next.Index];
    }

    /// <summary>The contents of the fenced <c>```bash</c> blocks of a text, in order.</summary>
    public static IReadOnlyList<string> BashBlocks(string text) =>
        BashBlock().Matches(text).Select(m => m.Groups[1].Value).ToList();

    private static bool InFence(string text, int index) => Regex.Matches(text[..index], "^```", RegexOptions.Multiline).Count % 2 == 1;

    [GeneratedRegex(@"^(#+) ", RegexOptions.Multiline)]
    private static partial Regex Heading();

    [GeneratedRegex(@"^```bash\n(.*?)^```\s*$", RegexOptions.Multiline | RegexOptions.Singleline)]
    private static partial Regex BashBlock();
}
