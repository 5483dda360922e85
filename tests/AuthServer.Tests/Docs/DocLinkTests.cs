using System.Text.RegularExpressions;
using AuthServer.Tests.Infrastructure;

namespace AuthServer.Tests.Docs;

/// <summary>The README and the guides in docs/ link only inside the repository, and every link and anchor leads somewhere.</summary>
public sealed partial class DocLinkTests
{
    public static TheoryData<string> Docs()
    {
        var docs = new TheoryData<string> { "README.md" };
        foreach (var file in Directory.GetFiles(Path.Combine(RepositoryRoot.Path, "docs"), "*.md").Order(StringComparer.Ordinal))
        {
            docs.Add(Path.GetRelativePath(RepositoryRoot.Path, file).Replace('\\', '/'));
        }

        return docs;
    }

    [Theory]
    [MemberData(nameof(Docs))]
    public void Every_relative_link_leads_to_a_file_of_the_repository_and_every_anchor_to_a_heading(string doc)
    {
        var markdown = MarkdownDoc.Read(doc);
        var folder = Path.GetDirectoryName(Path.Combine(RepositoryRoot.Path, doc))!;
        var broken = new List<string>();
        foreach (Match link in Link().Matches(Fence().Replace(markdown.Text, "")))
        {
            var target = link.Groups[1].Value;
            if (target.StartsWith("http://", StringComparison.Ordinal) || target.StartsWith("https://", StringComparison.Ordinal)) continue;
            var hash = target.IndexOf('#', StringComparison.Ordinal);
            var (path, anchor) = hash < 0 ? (target, "") : (target[..hash], target[(hash + 1)..]);
            var file = path.Length == 0 ? Path.Combine(RepositoryRoot.Path, doc) : Path.GetFullPath(Path.Combine(folder, path));
            if (!file.StartsWith(RepositoryRoot.Path + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            {
                broken.Add($"{target}: outside the repository");
            }
            else if (!File.Exists(file) && !Directory.Exists(file))
            {
                broken.Add($"{target}: no such file");
            }
            else if (anchor.Length > 0 && !Anchors(File.ReadAllText(file)).Contains(anchor))
            {
                broken.Add($"{target}: no such heading");
            }
        }

        Assert.True(broken.Count == 0, $"{doc}:\n{string.Join('\n', broken)}");
    }

    /// <summary>GitHub's anchors: the heading in lower case, without punctuation, spaces as hyphens.</summary>
    private static HashSet<string> Anchors(string markdown) =>
        Heading().Matches(Fence().Replace(markdown, ""))
            .Select(h => Punctuation().Replace(h.Groups[1].Value.Trim().ToLowerInvariant(), "").Replace(' ', '-'))
            .ToHashSet(StringComparer.Ordinal);

    [GeneratedRegex(@"\]\(([^)\s]+)\)")]
    private static partial Regex Link();

    [GeneratedRegex(@"^#+ (.*)$", RegexOptions.Multiline)]
    private static partial Regex Heading();

    [GeneratedRegex(@"[^\w\- ]")]
    private static partial Regex Punctuation();

    [GeneratedRegex(@"^```.*?^```", RegexOptions.Multiline | RegexOptions.Singleline)]
    private static partial Regex Fence();
}
