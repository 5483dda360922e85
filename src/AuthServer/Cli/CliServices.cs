using AuthServer.Administration;
using AuthServer.Clients;
using AuthServer.Keys;
using AuthServer.Operations.Telemetry;
using AuthServer.Options;
using AuthServer.Sessions;
using AuthServer.Storage;

namespace AuthServer.Cli;

public static class CliServices
{
    /// <summary>
    /// What a command needs: the options, the store with OpenIddict's managers, the keys, the client catalog, the users' sessions and the
    /// administration layer the console uses too. Not the protocol (OpenIddict's server, our handlers, the engine)
    /// nor the Bubble HTTP client: a command answers no token request and never calls Bubble.
    /// </summary>
    public static IServiceCollection AddCliServices(this IServiceCollection services, IConfiguration configuration) =>
        services.AddAuthServerOptions(configuration)
            .AddStore()
            .AddSigningKeys(configuration)
            .AddClientCatalog()
            .AddAuthServerMetrics()
            .AddUserSessions()
            .AddAdministration();
}
