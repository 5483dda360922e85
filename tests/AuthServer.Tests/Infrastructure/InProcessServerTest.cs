namespace AuthServer.Tests.Infrastructure;

/// <summary>
/// The in-process tier, for the request/response logic of one server (error shapes, scope limits, client
/// authentication, discovery): the real AuthServer pipeline on <see cref="InProcessServer"/>, with no Kestrel,
/// no port and no SampleApi, against a store of the test's own copied from the run's migrated template
/// (<see cref="MigratedTemplate"/>), so no test migrates. Isolation is the loopback tier's: a folder, a store,
/// keys and a server per test. Anything that crosses a socket or a process (hostile connections, slow bodies,
/// crashes, two nodes, Bubble over HTTP, the browser, SampleApi) stays on <see cref="ServerTest"/>.
/// </summary>
public abstract class InProcessServerTest : IAsyncLifetime
{
    protected TestDirectory Directory { get; } = new();
    protected LogCapture Logs { get; } = new();
    protected InProcessServer Server { get; private set; } = null!;
    protected TokenClient Tokens { get; private set; } = null!;

    protected string DatabaseFile => Directory.File("authserver.db");

    protected virtual IDictionary<string, string?> Settings => new Dictionary<string, string?>();

    protected virtual void ConfigureServer(Microsoft.AspNetCore.Builder.WebApplicationBuilder builder)
    {
    }

    public virtual async Task InitializeAsync()
    {
        var settings = Settings;
        if (ServerTest.UsesTheDefaultStore(settings))
        {
            await MigratedTemplate.CopyToAsync(DatabaseFile);
        }

        Server = await InProcessServer.StartAsync(DatabaseFile, Logs, settings, ConfigureServer);
        Tokens = new TokenClient(Server.CreateClient());
    }

    public virtual async Task DisposeAsync()
    {
        Tokens.Dispose();
        await Server.DisposeAsync();
        Directory.Dispose();
    }
}
