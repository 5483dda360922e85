using System.Text.RegularExpressions;
using AuthServer.Tests.Infrastructure;
using AuthServer.Administration.Bubble;

namespace AuthServer.Tests.Administration;

/// <summary>
/// The Bubble builder's guide (docs/bubble.md, "Connect your Bubble app") and the console's wizard show the same
/// steps: the guide holds the wizard's rendering for its own example client (line breaks aside).
/// </summary>
public sealed partial class BubbleGuideDocTests
{
    [Fact]
    public void The_bubble_guide_shows_every_step_of_the_wizard_for_its_example_client()
    {
        var guide = MarkdownDoc.Read("docs/bubble.md").Text;
        var connection = BubbleConnectionGuide.Build("https://auth.example.com", new BubbleConnectionRequest(
            "myapp", "a-long-random-secret", "https://myapp.bubbleapps.io/version-test",
            ["sample-api.read", "offline_access"], ["plan"]));

        foreach (var step in connection.Steps)
        {
            var markdown = step.ToMarkdown();
            Assert.True(Flat(guide).Contains(Flat(markdown), StringComparison.Ordinal),
                $"docs/bubble.md lacks the step {step.Id} as the wizard shows it:\n{markdown}");
        }
    }

    private static string Flat(string text) => Whitespace().Replace(text, " ").Trim();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
