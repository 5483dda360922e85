using System.Text.RegularExpressions;
using AuthServer.Tests.Infrastructure;
using AuthServer.Administration.Bubble;

namespace AuthServer.Tests.Administration;

/// <summary>
/// The README's "Connect your Bubble app" and the console's wizard show the same steps: the README holds the
/// guide's rendering for its own example client (line breaks aside).
/// </summary>
public sealed partial class ReadmeBubbleGuideTests
{
    [Fact]
    public void Readme_shows_every_step_of_the_wizard_for_its_example_client()
    {
        var readme = Section(File.ReadAllText(Path.Combine(RepositoryRoot.Path, "README.md")), "## Connect your Bubble app");
        var connection = BubbleConnectionGuide.Build("https://auth.example.com", new BubbleConnectionRequest(
            "myapp", "a-long-random-secret", "https://myapp.bubbleapps.io/version-test",
            ["sample-api.read", "offline_access"], ["plan"]));

        foreach (var step in connection.Steps)
        {
            var markdown = step.ToMarkdown();
            Assert.True(Flat(readme).Contains(Flat(markdown), StringComparison.Ordinal),
                $"README.md lacks the step {step.Id} as the wizard shows it:\n{markdown}");
        }
    }

    private static string Section(string readme, string heading)
    {
        var start = readme.IndexOf(heading + "\n", StringComparison.Ordinal);
        var end = readme.IndexOf("\n## ", start + heading.Length, StringComparison.Ordinal);
        return readme[start..(end < 0 ? readme.Length : end)];
    }

    private static string Flat(string text) => Whitespace().Replace(text, " ").Trim();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
