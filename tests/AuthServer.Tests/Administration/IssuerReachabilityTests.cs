using AuthServer.Administration.Bubble;

namespace AuthServer.Tests.Administration;

public sealed class IssuerReachabilityTests
{
    [Theory]
    [InlineData("http://localhost:5000/connect/token")]
    [InlineData("https://localhost:5000/connect/token")]
    [InlineData("https://127.0.0.1/connect/token")]
    [InlineData("https://10.0.0.5/connect/token")]
    [InlineData("https://192.168.1.20/connect/token")]
    [InlineData("https://auth.internal/connect/token")]
    [InlineData("http://auth.example.com/connect/token")]
    public void Warns_when_bubble_cannot_reach_the_endpoint(string endpoint)
    {
        var warning = IssuerReachability.Warning(endpoint);
        Assert.NotNull(warning);
        Assert.Contains("docs/deploying.md", warning);
    }

    [Theory]
    [InlineData("https://auth.example.com/connect/token")]
    [InlineData("https://8.8.8.8/connect/token")]
    public void Is_silent_for_a_public_https_endpoint(string endpoint) => Assert.Null(IssuerReachability.Warning(endpoint));
}
