using AuthServer.Bubble;

namespace AuthServer.Tests.Bubble;

/// <summary>The wizard's first step: is this a Bubble app's address, and which version?</summary>
public sealed class BubbleAppUrlCheckTests
{
    [Theory]
    [InlineData("https://myapp.bubbleapps.io", BubbleAppUrlKind.Live, "https://myapp.bubbleapps.io", false)]
    [InlineData(" https://MyApp.BubbleApps.io/ ", BubbleAppUrlKind.Live, "https://myapp.bubbleapps.io", false)]
    [InlineData("https://myapp.bubbleapps.io/version-test", BubbleAppUrlKind.VersionTest, "https://myapp.bubbleapps.io/version-test", false)]
    [InlineData("https://myapp.bubbleapps.io/version-test/", BubbleAppUrlKind.VersionTest, "https://myapp.bubbleapps.io/version-test", false)]
    [InlineData("https://app.example.com", BubbleAppUrlKind.Live, "https://app.example.com", true)]
    [InlineData("https://app.example.com/version-test", BubbleAppUrlKind.VersionTest, "https://app.example.com/version-test", true)]
    [InlineData("https://myapp.bubbleapps.io/version-xyz", BubbleAppUrlKind.OtherVersion, "https://myapp.bubbleapps.io/version-xyz", false)]
    [InlineData("http://127.0.0.1:5002/version-test", BubbleAppUrlKind.VersionTest, "http://127.0.0.1:5002/version-test", true)]
    [InlineData("http://localhost:5002", BubbleAppUrlKind.Live, "http://localhost:5002", true)]
    public void A_bubble_app_address_is_accepted_with_its_version(string input, BubbleAppUrlKind kind, string normalized, bool customDomain)
    {
        // The loopback addresses stand for a local Bubble simulator, allowed with Bubble:AllowPrivateAddresses.
        var verdict = BubbleAppUrlCheck.Check(input, allowPrivateAddresses: true);

        Assert.True(verdict.IsAcceptable, verdict.Message);
        Assert.Equal(kind, verdict.Kind);
        Assert.Equal(normalized, verdict.NormalizedUrl);
        Assert.Equal(customDomain, verdict.CustomDomain);
    }

    [Theory]
    [InlineData("https://myapp.bubbleapps.io", "at a bubbleapps.io address")]
    [InlineData("https://app.example.com", "at a custom domain")]
    [InlineData("http://localhost:5002", "at an IP or local address")]
    [InlineData("http://127.0.0.1:5002/version-test", "at an IP or local address")]
    public void The_verdict_says_where_the_app_is_and_never_calls_a_local_simulator_a_custom_domain(string input, string where)
    {
        var verdict = BubbleAppUrlCheck.Check(input, allowPrivateAddresses: true);

        Assert.Contains(where, verdict.Message);
    }

    [Theory]
    [InlineData(null, "Enter the app's address")]
    [InlineData("myapp.bubbleapps.io", "Enter the app's address")]
    [InlineData("https://myapp.bubbleapps.io?debug_mode=true", "Enter the app's address")]
    [InlineData("ftp://myapp.bubbleapps.io", "Enter the app's address")]
    [InlineData("http://myapp.bubbleapps.io", "https only: use https://myapp.bubbleapps.io.")]
    [InlineData("https://bubble.io/page?id=myapp", "Enter the app's address")]
    [InlineData("https://bubble.io/page", "the Bubble editor's address")]
    [InlineData("https://bubbleapps.io", "The app's name is missing")]
    [InlineData("https://myapp.bubbleapps.io/version-test/api/1.1/wf/whoami", "without /api/1.1/")]
    [InlineData("https://myapp.bubbleapps.io/api/1.1/wf/login", "without /api/1.1/")]
    [InlineData("https://myapp.bubbleapps.io/index", "/index is not one")]
    [InlineData("https://myapp.bubbleapps.io/version-", "/version- is not one")]
    public void Anything_else_is_refused_with_what_to_enter_instead(string? input, string message)
    {
        var verdict = BubbleAppUrlCheck.Check(input, allowPrivateAddresses: true);

        Assert.False(verdict.IsAcceptable);
        Assert.Equal(BubbleAppUrlKind.Invalid, verdict.Kind);
        Assert.Null(verdict.NormalizedUrl);
        Assert.Contains(message, verdict.Message);
    }
}
