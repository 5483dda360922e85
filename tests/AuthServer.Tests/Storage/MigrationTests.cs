using AuthServer.Storage;
using AuthServer.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace AuthServer.Tests.Storage;

public sealed class MigrationTests
{
    [Fact]
    public async Task All_migrations_apply_to_an_empty_store_and_the_model_has_no_pending_changes()
    {
        using var directory = new TestDirectory();
        await using var db = new AuthDbContext(TestStore.Options(directory.File("empty.db")));

        await db.Database.MigrateAsync();

        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
        Assert.NotEmpty(await db.Database.GetAppliedMigrationsAsync());
        Assert.False(db.Database.HasPendingModelChanges(), "The model changed without a migration: run dotnet ef migrations add.");
        Assert.Equal(0, await db.Keys.CountAsync());
        Assert.Equal(0, await db.Set<OpenIddict.EntityFrameworkCore.Models.OpenIddictEntityFrameworkCoreApplication>().CountAsync());
    }

    [Theory]
    [InlineData("Sqlite", "Data Source=unused.db")]
    [InlineData("Postgres", "Host=127.0.0.1;Database=unused")]
    public void Neither_provider_has_model_changes_without_a_migration(string provider, string connectionString)
    {
        var options = new DbContextOptionsBuilder<AuthDbContext>();
        AuthServer.Storage.StoreProvider.Configure(options, new AuthServer.Options.DatabaseOptions { Provider = provider }, connectionString);
        using var db = new AuthDbContext(options.Options);

        Assert.NotEmpty(db.Database.GetMigrations());
        Assert.False(db.Database.HasPendingModelChanges(), $"The model changed without a {provider} migration: run dotnet ef migrations add in migrations/AuthServer.Migrations.{provider}.");
    }
}
