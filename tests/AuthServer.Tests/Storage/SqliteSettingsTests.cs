using AuthServer.Storage;
using AuthServer.Tests.Infrastructure;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AuthServer.Tests.Storage;

/// <summary>Every store connection waits for a lock inside SQLite and uses the configured durability.</summary>
public sealed class SqliteSettingsTests : ServerTest
{
    [Fact]
    public async Task Store_connections_have_a_busy_timeout_and_normal_synchronous_by_default()
    {
        Assert.Equal(5000, await PragmaAsync(Server.Services, "busy_timeout"));
        Assert.Equal(1, await PragmaAsync(Server.Services, "synchronous")); // NORMAL
        Assert.Equal(200, (await Tokens.ClientCredentialsAsync()).Status);
    }

    internal static async Task<long> PragmaAsync(IServiceProvider services, string name)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AuthDbContext>();
        await db.Database.OpenConnectionAsync();
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText = $"PRAGMA {name};";
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }
}

public sealed class SqliteFullSynchronousTests : ServerTest
{
    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?> { ["Database:SqliteSynchronous"] = "Full" };

    [Fact]
    public async Task Full_synchronous_can_be_chosen() =>
        Assert.Equal(2, await SqliteSettingsTests.PragmaAsync(Server.Services, "synchronous")); // FULL
}

/// <summary>The settings belong to the native connection, so they are applied once per native connection.</summary>
/// <remarks>
/// Alone in its collection, run after the parallel ones: other tests' stores call
/// <c>SqliteConnection.ClearAllPools()</c> when they are disposed, which would hand this test a new
/// native connection between its two opens.
/// </remarks>
[Collection(SqliteConnectionTuningTests.Collection)]
public sealed class SqliteConnectionTuningTests : IDisposable
{
    private readonly TestDirectory _directory = new();

    [Fact]
    public async Task A_pooled_connection_is_tuned_when_first_opened_and_not_again()
    {
        var tuning = new AuthServer.Storage.SqliteConnectionTuning("Normal");
        var connectionString = $"Data Source={_directory.File("tuning.db")}";

        await using (var first = new SqliteConnection(connectionString))
        {
            await first.OpenAsync();
            await tuning.ConnectionOpenedAsync(first, null!);
            Assert.Equal(5000, await ScalarAsync(first, "PRAGMA busy_timeout;"));
            await ScalarAsync(first, "PRAGMA busy_timeout=1234;"); // a mark that a second tuning would overwrite
        }

        await using (var again = new SqliteConnection(connectionString)) // the same native connection, from the pool
        {
            await again.OpenAsync();
            await tuning.ConnectionOpenedAsync(again, null!);
            Assert.Equal(1234, await ScalarAsync(again, "PRAGMA busy_timeout;"));
        }

        SqliteConnection.ClearPool(new SqliteConnection(connectionString));
        await using var fresh = new SqliteConnection(connectionString);
        await fresh.OpenAsync();
        Assert.Equal(0, await ScalarAsync(fresh, "PRAGMA busy_timeout;"));
        await tuning.ConnectionOpenedAsync(fresh, null!);
        Assert.Equal(5000, await ScalarAsync(fresh, "PRAGMA busy_timeout;"));
        Assert.Equal(1, await ScalarAsync(fresh, "PRAGMA synchronous;")); // NORMAL
    }

    private static async Task<long> ScalarAsync(SqliteConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(await command.ExecuteScalarAsync() ?? 0L, System.Globalization.CultureInfo.InvariantCulture);
    }

    public void Dispose() => _directory.Dispose();

    public const string Collection = "Sqlite pool, alone";
}

[CollectionDefinition(SqliteConnectionTuningTests.Collection, DisableParallelization = true)]
public sealed class SqlitePoolAloneCollection;
