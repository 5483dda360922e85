using AuthServer.Hosting;
using AuthServer.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.Extensions.DependencyInjection;
using OpenIddict.Server;
using Serilog.Core;
using AuthServer.Engine;

namespace AuthServer.Tests.Protocol.Pipeline;

/// <summary>
/// The merged order of OpenIddict's handlers and ours, as the server dispatches them, is committed under
/// docs/pipeline: a reviewer reads the flow there, and a changed order (a new handler, a changed offset,
/// an OpenIddict upgrade) fails here until the snapshot is regenerated and its diff reviewed.
/// </summary>
public sealed class PipelineSnapshotTests(PipelineSnapshotTests.Server server) : IClassFixture<PipelineSnapshotTests.Server>
{
    private const string UpdateVariable = "AUTHSERVER_UPDATE_SNAPSHOTS";

    public static TheoryData<string> Files => new(PipelineSnapshot.Files.Select(f => f.File));

    [Theory]
    [MemberData(nameof(Files))]
    public void Handler_order_matches_the_committed_snapshot(string file)
    {
        var actual = server.Snapshot[file];
        var path = Path.Combine(RepositoryRoot.Path, PipelineSnapshot.Folder, file);
        if (Environment.GetEnvironmentVariable(UpdateVariable) == "1")
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, actual);
            return;
        }

        var expected = File.Exists(path) ? File.ReadAllText(path).ReplaceLineEndings("\n") : null;
        if (expected != actual)
        {
            Assert.Fail(Difference(file, expected, actual));
        }
    }

    [Fact]
    public void Every_text_file_of_the_snapshot_folder_is_one_the_test_writes()
    {
        var folder = Path.Combine(RepositoryRoot.Path, PipelineSnapshot.Folder);
        var stale = Directory.GetFiles(folder, "*.txt").Select(Path.GetFileName)
            .Except(PipelineSnapshot.Files.Select(f => f.File)).ToList();
        Assert.True(stale.Count == 0, $"Not written by the snapshot test, so never checked: {string.Join(", ", stale)}; delete them.");
    }

    [Fact]
    public void The_planned_dispatcher_runs_the_handlers_in_the_snapshot_order()
    {
        using var scope = server.Services.CreateScope();
        Assert.IsType<PlannedServerDispatcher>(scope.ServiceProvider.GetRequiredService<IOpenIddictServerDispatcher>());
        Assert.Empty(PipelineSnapshot.PlannedDispatchDifferences(server.Services));
    }

    [Fact]
    public void No_handler_of_ours_shares_its_order_with_another_handler_of_its_event()
    {
        Assert.Empty(PipelineSnapshot.SharedOrders(server.Services));
    }

    private static string Difference(string file, string? expected, string actual)
    {
        var regenerate = $"If the new order is intended, regenerate with {UpdateVariable}=1 dotnet test tests/AuthServer.Tests "
            + "--filter FullyQualifiedName~PipelineSnapshotTests, then review and commit the diff of docs/pipeline.";
        if (expected is null)
        {
            return $"{PipelineSnapshot.Folder}/{file} is missing. {regenerate}";
        }

        var wanted = expected.Split('\n');
        var got = actual.Split('\n');
        var line = 0;
        while (line < wanted.Length && line < got.Length && wanted[line] == got[line])
        {
            line++;
        }

        return $"The handler order differs from {PipelineSnapshot.Folder}/{file}, first at line {line + 1}:\n"
            + $"  committed: {(line < wanted.Length ? wanted[line] : "(end of file)")}\n"
            + $"  server:    {(line < got.Length ? got[line] : "(end of file)")}\n{regenerate}";
    }

    /// <summary>One real AuthServer for the class, started (store migrated, keys loaded) but not listening.</summary>
    public sealed class Server : IAsyncLifetime
    {
        private readonly TestDirectory _directory = new();
        private WebApplication? _app;

        public IServiceProvider Services => _app!.Services;

        public IReadOnlyDictionary<string, string> Snapshot { get; private set; } = null!;

        public async Task InitializeAsync()
        {
            // The snapshot is the pipeline as shipped, engine included, even in CI's run with Engine__Enabled=false.
            var settings = AuthServerInstance.Configuration("http://127.0.0.1", _directory.File("authserver.db"),
                new Dictionary<string, string?> { ["Engine:Enabled"] = "true" });
            _app = AuthServerHost.Build(
                new WebApplicationOptions { EnvironmentName = "Testing", ContentRootPath = _directory.Path },
                builder =>
                {
                    builder.Services.AddSingleton<IServer, NonListeningServer>();
                    builder.Services.AddSingleton<ILogEventSink>(new LogCapture());
                },
                settings);
            await _app.StartAsync();
            Snapshot = PipelineSnapshot.Render(_app.Services);
        }

        public async Task DisposeAsync()
        {
            if (_app is not null)
            {
                await _app.StopAsync();
                await _app.DisposeAsync();
            }

            _directory.Dispose();
        }
    }
}
