using AuthServer.Administration.Admins;
using AuthServer.Operations.Logging;
using AuthServer.Options;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace AuthServer.AdminConsole;

/// <summary>
/// One line at start that says where the console is (event 5070) and, while nobody can sign in to it, how to add
/// the first admin (5071): a newcomer who started the server finds the console without reading the docs.
/// </summary>
public static class AdminConsoleSignpost
{
    public static void LogOnceStarted(WebApplication app, AdminOptions admin) =>
        app.Lifetime.ApplicationStarted.Register(() => _ = LogAsync(app.Services, admin, app.Lifetime.ApplicationStopping));

    private static async Task LogAsync(IServiceProvider services, AdminOptions admin, CancellationToken stopping)
    {
        var logger = services.GetRequiredService<ILogger<AdminOptions>>();
        var urls = string.Join(", ", ConsoleUrls(services, admin));
        try
        {
            await using var scope = services.CreateAsyncScope();
            if (await scope.ServiceProvider.GetRequiredService<AdminAccounts>().AnyAsync(stopping))
            {
                logger.AdminConsoleAt(urls);
                return;
            }

            logger.AdminConsoleWithoutAdmins(urls, AdminAccounts.HowToAdd);
        }
        catch (Exception) when (!stopping.IsCancellationRequested)
        {
            // The store's own checks report an unreachable store; the address is still worth saying.
            logger.AdminConsoleAt(urls);
        }
        catch (OperationCanceledException)
        {
            // Stopped before the store answered: nothing to say.
        }
    }

    /// <summary><c>Admin:Urls</c> when set (the console answers only there), else the addresses the server listens on.</summary>
    private static IEnumerable<string> ConsoleUrls(IServiceProvider services, AdminOptions admin)
    {
        var addresses = admin.Urls.Count > 0
            ? admin.Urls
            : services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        return addresses.Select(address => address.TrimEnd('/') + AdminPaths.Root);
    }
}
