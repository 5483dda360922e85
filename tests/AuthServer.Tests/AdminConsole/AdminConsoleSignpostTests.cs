using System.Net;
using AuthServer.Administration.Admins;
using AuthServer.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace AuthServer.Tests.AdminConsole;

/// <summary>A newcomer who started the server learns from its log and the sign-in page where the console is and how to get in.</summary>
public sealed class AdminConsoleSignpostTests : ServerTest
{
    [Fact]
    public async Task Without_an_admin_the_start_log_names_the_console_and_how_to_add_one_and_so_does_the_sign_in_page()
    {
        var line = await StartLineAsync(Logs, 5071);
        Assert.Contains(Server.Url + "/admin", line);
        Assert.Contains("admins add NAME", line);
        Assert.False(Logs.HasEvent(5070));

        using var http = new HttpClient();
        var page = await http.GetStringAsync(Server.Url + "/admin/SignIn");
        Assert.Contains("id=\"no-admin-yet\"", page);
        Assert.Contains("<code>AuthServer admins add NAME</code>", page);
    }

    [Fact]
    public async Task Once_an_admin_exists_the_start_log_only_names_the_console_and_the_sign_in_page_says_nothing_of_it()
    {
        await using (var scope = Server.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<AdminAccounts>().AddAsync("ops", "a long enough password", "test");
        }

        using var http = new HttpClient();
        Assert.DoesNotContain("no-admin-yet", await http.GetStringAsync(Server.Url + "/admin/SignIn"));

        var logs = new LogCapture();
        await using var restarted = await AuthServerInstance.StartAsync(DatabaseFile, logs);
        Assert.Contains(restarted.Url + "/admin", await StartLineAsync(logs, 5070));
        Assert.False(logs.HasEvent(5071));
    }

    /// <summary>Written once the server has started, after a store read: waited for, within a bound.</summary>
    private static async Task<string> StartLineAsync(LogCapture logs, int eventId)
    {
        for (var waited = 0; waited < 100 && !logs.HasEvent(eventId); waited++)
        {
            await Task.Delay(100);
        }

        Assert.True(logs.HasEvent(eventId), $"no start line {eventId}");
        return logs.AllText;
    }
}
