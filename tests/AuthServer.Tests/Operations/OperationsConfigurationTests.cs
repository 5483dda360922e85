using AuthServer.Tests.Options;

namespace AuthServer.Tests.Operations;

/// <summary>The keys of the log format and the trusted proxies: a bad value stops the start with one line naming it.</summary>
public sealed class OperationsConfigurationTests
{
    [Theory]
    [InlineData("Logging:Format", "xml", "Logging:Format")]
    [InlineData("ForwardedHeaders:KnownProxies:0", "10.0.0", "ForwardedHeaders:KnownProxies:0")]
    [InlineData("ForwardedHeaders:KnownNetworks:0", "10.0.0.0", "ForwardedHeaders:KnownNetworks:0")]
    [InlineData("ForwardedHeaders:KnownNetworks:0", "10.0.0.1/8", "ForwardedHeaders:KnownNetworks:0")]
    public Task Bad_log_format_or_proxy_stops_the_start_naming_the_key(string key, string value, string named) =>
        ConfigurationValidationTests.AssertStartFailsNamingAsync(named, new Dictionary<string, string?> { [key] = value });
}
