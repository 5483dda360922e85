using AuthServer.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;

namespace AuthServer.Tests.Hosting;

/// <summary>Outside Development, an answer given over HTTPS tells browsers to keep to HTTPS (RFC 6797).</summary>
public sealed class HstsTests : IAsyncLifetime
{
    private readonly TestDirectory _directory = new();

    [Fact]
    public async Task Https_answer_outside_development_carries_strict_transport_security()
    {
        var headers = await HeadersAsync(forwardedHttps: true);

        Assert.Contains("max-age=", Assert.Single(headers.GetValues("Strict-Transport-Security")));
    }

    [Fact]
    public async Task Plain_http_answer_carries_no_strict_transport_security()
    {
        var headers = await HeadersAsync(forwardedHttps: false);

        Assert.False(headers.Contains("Strict-Transport-Security"));
    }

    [Fact]
    public async Task Https_answer_in_development_carries_no_strict_transport_security()
    {
        var headers = await HeadersAsync(forwardedHttps: true, environment: "Development");

        Assert.False(headers.Contains("Strict-Transport-Security"));
    }

    // HTTPS as a proxy reports it; a public host name, because HSTS is never sent for localhost.
    private async Task<System.Net.Http.Headers.HttpResponseHeaders> HeadersAsync(bool forwardedHttps, string? environment = null)
    {
        await using var server = await AuthServerInstance.StartAsync(_directory.File($"{Guid.NewGuid():N}.db"), new LogCapture(),
            new Dictionary<string, string?> { ["ForwardedHeaders:KnownProxies:0"] = "127.0.0.1" },
            configure: builder =>
            {
                if (environment is not null) builder.Environment.EnvironmentName = environment;
            });
        using var http = new HttpClient { BaseAddress = new Uri(server.Url) };
        using var request = new HttpRequestMessage(HttpMethod.Get, "/health/live");
        request.Headers.Host = "auth.example.com";
        if (forwardedHttps) request.Headers.Add("X-Forwarded-Proto", "https");

        using var response = await http.SendAsync(request);
        Assert.True(response.IsSuccessStatusCode, response.StatusCode.ToString());
        return response.Headers;
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync()
    {
        _directory.Dispose();
        return Task.CompletedTask;
    }
}
