using AuthServer.AdminConsole;
using AuthServer.Administration;
using AuthServer.Bubble;
using AuthServer.Clients;
using AuthServer.Engine;
using AuthServer.Keys;
using AuthServer.Operations;
using AuthServer.Operations.Logging;
using AuthServer.Operations.Proxy;
using AuthServer.Options;
using AuthServer.Protocol;
using AuthServer.Sessions;
using AuthServer.Storage;

namespace AuthServer.Hosting;

public static class AuthServerServiceCollectionExtensions
{
    /// <summary>
    /// The server, step by step; each step lives in its feature's folder. The CLI takes the steps it shares
    /// (<see cref="Cli.CliServices"/>): options, store, keys, catalog and administration, none of the protocol.
    /// </summary>
    public static WebApplicationBuilder AddAuthServer(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        builder.AddAuthServerLogging();
        services.AddStartupTasks();
        services.AddProxySupport();
        services.AddAuthServerOptions(builder.Configuration);
        services.AddStore();
        services.AddSigningKeys(builder.Configuration);
        services.AddClientCatalog();
        services.AddBubbleValidation();
        services.AddUserSessions();
        services.AddProtocol();

        // Engine: the replaced or tuned OpenIddict internals (Engine:Enabled), after the store and the protocol.
        services.AddEngineTuning(builder.Configuration, unstoredSubjectTokenTypes: [BubbleTokenTypes.User]);

        services.AddAdministration();
        builder.AddAdminConsole();
        services.AddOperations();
        return builder;
    }
}
