using AuthServer.Tests.Infrastructure;
using Serilog.Events;

namespace AuthServer.Tests.Operations.Logging;

/// <summary>Every token request keeps its Information line; served metadata documents are logged at Debug only.</summary>
public sealed class RequestLogTests : ServerTest
{
    [Fact]
    public async Task A_token_request_is_logged_at_information_and_a_served_jwks_is_not()
    {
        Assert.Equal(200, (int)(await Tokens.Http.GetAsync("/.well-known/jwks")).StatusCode);
        Assert.Equal(200, (await Tokens.ClientCredentialsAsync()).Status);
        Assert.Equal(400, (int)(await Tokens.Http.PostAsync("/.well-known/jwks", new StringContent(""))).StatusCode); // OpenIddict: a metadata endpoint takes GET only

        Assert.Contains(RequestLines(), line => line.Method == "POST" && line.Path == "/connect/token" && line.Level == LogEventLevel.Information);
        Assert.Contains(RequestLines(), line => line.Method == "POST" && line.Path == "/.well-known/jwks" && line.Level >= LogEventLevel.Information);
        Assert.DoesNotContain(RequestLines(), line => line.Method == "GET" && line.Path == "/.well-known/jwks" && line.Level >= LogEventLevel.Information);
    }

    private IEnumerable<(string Method, string Path, LogEventLevel Level)> RequestLines() =>
        Logs.Events.Where(e => e.Properties.ContainsKey("RequestPath") && e.Properties.ContainsKey("StatusCode"))
            .Select(e => (Unquote(e.Properties["RequestMethod"]), Unquote(e.Properties["RequestPath"]), e.Level));

    private static string Unquote(LogEventPropertyValue value) => value.ToString().Trim('"');
}
