using AuthServer.Keys;
using AuthServer.Options;
using AuthServer.Protocol.Discovery;
using AuthServer.Protocol.Guards;
using AuthServer.Protocol.Token;
using AuthServer.Protocol.Token.Refresh;
using AuthServer.Protocol.UserSessions;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;
using OpenIddict.Server;
using OpenIddict.Server.AspNetCore;

namespace AuthServer.Protocol;

public static class ProtocolServiceCollectionExtensions
{
    /// <summary>
    /// The protocol: OpenIddict's server with our handlers (<see cref="OpenIddictServerSetup"/>), the keys of the key
    /// ring, the settings of <c>Auth</c> and the configured scopes, and what the handlers and the request guard use.
    /// The server only: the CLI answers no protocol request.
    /// </summary>
    public static IServiceCollection AddProtocol(this IServiceCollection services)
    {
        services.Configure<FormOptions>(ProtocolRequestGuard.ConfigureFormLimits);
        services.AddSingleton<MetadataPaths>();
        services.AddSingleton<ClientLimiter>();
        services.AddSingleton<ScopeResourceCache>();
        services.AddScoped<SpentRefreshTokens>();
        services.AddScoped<AuthServer.Protocol.ClientAssertions.AssertionReplayStore>();
        services.AddScoped<EndpointClientAuthentication>();

        services.AddOpenIddict().AddServer(OpenIddictServerSetup.Configure);
        services.AddSingleton<KeyRingOptionsSetup>();
        services.AddSingleton<IConfigureOptions<OpenIddictServerOptions>>(sp => sp.GetRequiredService<KeyRingOptionsSetup>());
        services.AddSingleton<IOptionsChangeTokenSource<OpenIddictServerOptions>>(sp => sp.GetRequiredService<KeyRingOptionsSetup>());
        services.AddOptions<OpenIddictServerOptions>().Configure<IOptions<AuthOptions>, TimeProvider>(OpenIddictServerSetup.ApplyAuthOptions)
            .Configure<IOptions<CatalogOptions>>((server, catalog) => server.Scopes.UnionWith(catalog.Value.Scopes.Select(s => s.Name)));
        services.AddOptions<OpenIddictServerAspNetCoreOptions>().Configure<IOptions<AuthOptions>>((aspNet, auth) =>
        {
            aspNet.DisableTransportSecurityRequirement = auth.Value.RequireHttps != true;
            aspNet.Realm = "AuthServer"; // RFC 7617 §2: a Basic challenge must carry a realm
        });
        return services;
    }
}
