namespace AuthServer.Tests.Infrastructure;

/// <summary>Each test gets its own folder, SQLite file, AuthServer and SampleApi on loopback.</summary>
public abstract class ServerTest : IAsyncLifetime
{
    protected TestDirectory Directory { get; } = new();
    protected LogCapture Logs { get; } = new();
    protected AuthServerInstance Server { get; private set; } = null!;
    protected SampleApiInstance Api { get; private set; } = null!;
    protected TokenClient Tokens { get; private set; } = null!;
    protected HttpClient ApiClient { get; private set; } = null!;

    protected string DatabaseFile => Directory.File("authserver.db");

    protected virtual IDictionary<string, string?> Settings => new Dictionary<string, string?>();

    protected virtual IDictionary<string, string?> ApiSettings => new Dictionary<string, string?>();

    protected virtual void ConfigureServer(Microsoft.AspNetCore.Builder.WebApplicationBuilder builder)
    {
    }

    public virtual async Task InitializeAsync()
    {
        Server = await AuthServerInstance.StartAsync(DatabaseFile, Logs, Settings, configure: ConfigureServer);
        Api = await SampleApiInstance.StartAsync(Server.Url, Directory.Path, Logs, ApiSettings);
        Tokens = new TokenClient(Server.Url);
        ApiClient = new HttpClient { BaseAddress = new Uri(Api.Url) };
    }

    public virtual async Task DisposeAsync()
    {
        Tokens.Dispose();
        ApiClient.Dispose();
        await Api.DisposeAsync();
        await Server.DisposeAsync(); // a test may have stopped it already
        Directory.Dispose();
    }

    protected async Task<HttpResponseMessage> CallApiAsync(string path, string? accessToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (accessToken is not null)
        {
            request.Headers.Authorization = new("Bearer", accessToken);
        }

        return await ApiClient.SendAsync(request);
    }
}
