using AuthServer.Tests.Infrastructure;

namespace AuthServer.Tests.Hosting;

/// <summary>Outside Development the safe default holds: plain HTTP is refused at the protocol endpoints.</summary>
public sealed class HttpsRequirementTests : IAsyncLifetime
{
    private readonly TestDirectory _directory = new();

    [Fact]
    public async Task Plain_http_token_request_is_refused_when_https_is_required()
    {
        await using var server = await AuthServerInstance.StartAsync(_directory.File("a.db"), new LogCapture(), new Dictionary<string, string?>
        {
            ["Auth:Issuer"] = "https://auth.example.com",
            ["Auth:RequireHttps"] = null,
        });
        using var tokens = new TokenClient(server.Url);

        var response = await tokens.ClientCredentialsAsync();

        OAuthAssert.Error(response, 400, "invalid_request");
        Assert.Contains("HTTPS", response["error_description"], StringComparison.OrdinalIgnoreCase);
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync()
    {
        _directory.Dispose();
        return Task.CompletedTask;
    }
}
