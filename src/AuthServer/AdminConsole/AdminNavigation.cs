
namespace AuthServer.AdminConsole;

/// <summary>A page of the console's menu: its title and its Razor page path (<c>/Index</c> is the Overview).</summary>
public sealed record AdminNavItem(string Title, string Page);

/// <summary>The console's menu, in order. A new page appears in the menu by adding one line here.</summary>
public static class AdminNavigation
{
    public static IReadOnlyList<AdminNavItem> Items { get; } =
    [
        new("Overview", "/Index"),
        new("Connect a Bubble app", "/Connect"),
        new("Clients", "/Clients/Index"),
        new("Scopes", "/Scopes"),
        new("Test whoami", "/Whoami"),
        new("Users", "/Users"),
        new("Keys", "/Keys"),
        new("Activity", "/Activity"),
    ];
}
