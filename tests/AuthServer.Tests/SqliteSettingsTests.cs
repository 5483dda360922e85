using AuthServer.Storage;
using AuthServer.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AuthServer.Tests;

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
