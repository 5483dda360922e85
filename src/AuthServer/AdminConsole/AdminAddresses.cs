using AuthServer.Hosting;
using AuthServer.Options;

namespace AuthServer.AdminConsole;

/// <summary>
/// <c>Admin:Urls</c>: the server also listens on these addresses, which answer the console and nothing else,
/// while the other addresses answer <c>/admin</c> with 404. A request is told by the port it arrived on, not by its
/// Host header, which any client could set.
/// </summary>
public static class AdminAddresses
{
    public static void Use(WebApplication app, AdminOptions admin)
    {
        if (admin.Urls.Count == 0)
        {
            return;
        }

        for (var i = 0; i < admin.Urls.Count; i++)
        {
            ExtraListenAddresses.Add(app, admin.Urls[i], $"Admin:Urls:{i}");
        }

        var ports = admin.ListenPorts();
        app.MapWhen(context => ports.Contains(context.Connection.LocalPort) != AdminPaths.IsAdmin(context.Request.Path), elsewhere =>
            elsewhere.Run(context =>
            {
                // The console's address opened at its root: the console is what is there.
                if (ports.Contains(context.Connection.LocalPort) && context.Request.Path == "/")
                {
                    context.Response.Redirect(AdminPaths.Root);
                    return Task.CompletedTask;
                }

                context.Response.StatusCode = StatusCodes.Status404NotFound;
                return Task.CompletedTask;
            }));
    }
}
