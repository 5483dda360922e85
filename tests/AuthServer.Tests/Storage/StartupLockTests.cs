#if POSTGRES
using AuthServer.Tests.Infrastructure;
using Npgsql;

namespace AuthServer.Tests.Storage;

/// <summary>
/// Nodes on PostgreSQL start one after the other under an advisory lock. A node whose turn comes late
/// (another node migrating a large table) waits for it, however long, instead of failing at its command
/// timeout. (SQLite takes no such lock: its writers are serialised by the file.)
/// </summary>
public sealed class StartupLockTests : IAsyncLifetime
{
    private const long StartupLockKey = AuthServer.Storage.StoreStartupLock.LockKey;
    private readonly TestDirectory _directory = new();
    private readonly LogCapture _logs = new();

    [Fact]
    public async Task A_node_waits_for_another_nodes_start_up_longer_than_its_command_timeout()
    {
        var database = _directory.File("locked.db");
        await using (var first = await AuthServerInstance.StartAsync(database, _logs)) { }

        await using var holder = new NpgsqlConnection(TestStore.ConnectionString(database));
        await holder.OpenAsync();
        await new NpgsqlCommand($"SELECT pg_advisory_lock({StartupLockKey})", holder).ExecuteNonQueryAsync();
        var connection = new NpgsqlConnectionStringBuilder(TestStore.ConnectionString(database)) { CommandTimeout = 1 }.ConnectionString;
        var starting = AuthServerInstance.StartAsync(database, _logs, new Dictionary<string, string?> { ["ConnectionStrings:AuthServer"] = connection });

        await Task.Delay(TimeSpan.FromSeconds(3)); // three command timeouts
        Assert.False(starting.IsCompleted, "the node started while another held the start-up lock");
        Assert.True(_logs.HasEvent(2007), "the node did not say it was waiting");
        await new NpgsqlCommand($"SELECT pg_advisory_unlock({StartupLockKey})", holder).ExecuteNonQueryAsync();

        await using var node = await starting;
        using var tokens = new TokenClient(node.Url);
        Assert.Equal(200, (await tokens.ClientCredentialsAsync()).Status);
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync()
    {
        _directory.Dispose();
        return Task.CompletedTask;
    }
}
#endif
