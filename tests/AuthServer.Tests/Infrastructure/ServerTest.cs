namespace AuthServer.Tests.Infrastructure;

/// <summary>
/// The loopback tier: each test gets its own folder, store (a copy of the run's migrated template, see
/// <see cref="MigratedTemplate"/>), AuthServer and SampleApi on Kestrel at loopback ports. For what crosses a
/// socket or a process; request/response logic of one server belongs in <see cref="InProcessServerTest"/>.
/// </summary>
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
        if (UsesTheDefaultStore(Settings))
        {
            await MigratedTemplate.CopyToAsync(DatabaseFile);
        }

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

    /// <summary>
    /// Whether the server starts on the test's own store with the usual migration on start; a test that names
    /// another store or provider, or starts without migrating, gets no pre-migrated copy and sees what it set up.
    /// </summary>
    internal static bool UsesTheDefaultStore(IDictionary<string, string?> settings) =>
        !settings.Keys.Any(key => key.StartsWith("ConnectionStrings:", StringComparison.OrdinalIgnoreCase)
                                  || key.Equals("Database:Provider", StringComparison.OrdinalIgnoreCase)
                                  || key.Equals("Database:MigrateOnStart", StringComparison.OrdinalIgnoreCase));

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
