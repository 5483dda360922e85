using System.Collections;
using OpenIddict.EntityFrameworkCore.Models;
using AuthServer.Engine;

namespace AuthServer.Tests.Engine;

/// <summary>The cached client rows are copied whole, and are never the instances a request receives.</summary>
public sealed class ApplicationSnapshotCacheTests
{
    private static readonly System.Reflection.PropertyInfo[] Columns = [.. typeof(OpenIddictEntityFrameworkCoreApplication).GetProperties()
        .Where(p => p.CanWrite && (p.PropertyType == typeof(string) || !typeof(IEnumerable).IsAssignableFrom(p.PropertyType)))];

    [Fact]
    public void A_copy_carries_every_column_of_the_row()
    {
        var row = new OpenIddictEntityFrameworkCoreApplication();
        foreach (var column in Columns)
        {
            column.SetValue(row, "value of " + column.Name);
        }

        var copy = ApplicationSnapshotCache.Copy(row);

        Assert.NotSame(row, copy);
        Assert.True(Columns.Length >= 16, $"only {Columns.Length} columns found");
        Assert.All(Columns, column => Assert.Equal("value of " + column.Name, column.GetValue(copy)));
    }

    [Fact]
    public void A_forgotten_client_is_found_neither_by_id_nor_by_client_id()
    {
        using var cache = new ApplicationSnapshotCache();
        var row = new OpenIddictEntityFrameworkCoreApplication { Id = "1", ClientId = "robot" };
        cache.Remember(row, cache.Generation);
        Assert.Same(row, cache.FindById("1"));
        Assert.Same(row, cache.FindByClientId("robot"));

        // Renamed on this node: the old client id must not keep finding the row.
        cache.Forget(new OpenIddictEntityFrameworkCoreApplication { Id = "1", ClientId = "robot-2" });

        Assert.Null(cache.FindById("1"));
        Assert.Null(cache.FindByClientId("robot"));
    }

    [Fact]
    public void A_row_read_before_a_change_on_this_node_is_not_remembered()
    {
        using var cache = new ApplicationSnapshotCache();
        var readAt = cache.Generation; // a request starts reading the row...
        cache.Forget(new OpenIddictEntityFrameworkCoreApplication { Id = "1", ClientId = "robot" }); // ...another changes it...

        cache.Remember(new OpenIddictEntityFrameworkCoreApplication { Id = "1", ClientId = "robot" }, readAt); // ...then the first finishes

        Assert.Null(cache.FindByClientId("robot"));
        Assert.Null(cache.FindById("1"));
    }
}
