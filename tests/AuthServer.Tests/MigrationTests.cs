using AuthServer.Storage;
using AuthServer.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace AuthServer.Tests;

public sealed class MigrationTests
{
    [Fact]
    public async Task All_migrations_apply_to_an_empty_file_and_the_model_has_no_pending_changes()
    {
        using var directory = new TestDirectory();
        var options = new DbContextOptionsBuilder<AuthDbContext>()
            .UseSqlite($"Data Source={directory.File("empty.db")}", s => s.MigrationsAssembly("AuthServer.Migrations.Sqlite"))
            .Options;
        await using var db = new AuthDbContext(options);

        await db.Database.MigrateAsync();

        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
        Assert.NotEmpty(await db.Database.GetAppliedMigrationsAsync());
        Assert.False(db.Database.HasPendingModelChanges(), "The model changed without a migration: run dotnet ef migrations add.");
        Assert.Equal(0, await db.Keys.CountAsync());
        Assert.Equal(0, await db.Set<OpenIddict.EntityFrameworkCore.Models.OpenIddictEntityFrameworkCoreApplication>().CountAsync());
    }
}
