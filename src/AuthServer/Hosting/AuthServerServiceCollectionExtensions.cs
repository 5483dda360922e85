using AuthServer.Bubble;
using AuthServer.Clients;
using AuthServer.Keys;
using AuthServer.Options;
using AuthServer.Protocol;
using AuthServer.Storage;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using OpenIddict.EntityFrameworkCore.Models;
using OpenIddict.Server;
using OpenIddict.Server.AspNetCore;
using Serilog;
using AuthServer.AdminConsole;
using AuthServer.Administration;
using AuthServer.Administration.Audit;
using AuthServer.Administration.Bubble;
using AuthServer.Administration.Clients;
using AuthServer.Engine;
using AuthServer.Operations.Health;
using AuthServer.Operations.Logging;
using AuthServer.Operations.Proxy;
using AuthServer.Operations.Pruning;
using AuthServer.Operations.Telemetry;
using AuthServer.Protocol.Discovery;
using AuthServer.Protocol.ErrorResponses;
using AuthServer.Protocol.Guards;
using AuthServer.Protocol.Token;
using AuthServer.Protocol.Token.Refresh;

namespace AuthServer.Hosting;

public static class AuthServerServiceCollectionExtensions
{
    /// <summary>Everything the server needs: options, store, keys, OpenIddict with our grants, logging and health.</summary>
    public static WebApplicationBuilder AddAuthServer(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        // The host's own logger, not the static one: the static logger stays the bootstrap logger
        // for start-up failures, and several hosts in one process (the tests) keep their logs apart.
        services.AddOptions<LogOutputOptions>().BindConfiguration(LogOutputOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<LogOutputOptions>, LogOutputOptionsValidator>();
        services.AddSerilog((provider, logger) => LoggingSetup.Configure(logger, builder.Configuration, provider),
            preserveStaticLogger: true);

        // First of all hosted services: Data Protection reads its key ring from the store at start.
        services.AddHostedService<StoreInitializer>();
        services.AddHostedService<KeyRingAtRestNotice>();
        services.AddHostedService<SharedAudiencesNotice>();
        services.AddProxySupport();
        services.AddAuthServerCore(builder.Configuration);
        services.Configure<FormOptions>(ProtocolRequestGuard.ConfigureFormLimits);
        services.AddSingleton<MetadataPaths>();
        services.AddHostedService<KeyMaintenanceService>();
        services.AddHostedService<TokenPruningService>();
        services.AddHealthChecks()
            .AddCheck<StoreHealthCheck>("store", tags: ["ready"])
            .AddCheck<SigningKeyHealthCheck>("signing-key", tags: ["ready"]);
        builder.AddAdminConsole();
        return builder;
    }

    /// <summary>What the server and the CLI share: options, the store, the key manager and OpenIddict's managers.</summary>
    public static IServiceCollection AddAuthServerCore(this IServiceCollection services, IConfiguration configuration)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddOptions<AuthOptions>().BindConfiguration(AuthOptions.Section).ValidateOnStart();
        services.AddSingleton<IPostConfigureOptions<AuthOptions>, AuthOptionsDefaults>();
        services.AddSingleton<IValidateOptions<AuthOptions>, AuthOptionsValidator>();
        services.AddOptions<DatabaseOptions>().BindConfiguration(DatabaseOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<DatabaseOptions>, DatabaseOptionsValidator>();
        services.AddOptions<CatalogOptions>().Bind(configuration).ValidateOnStart();
        services.AddSingleton<IValidateOptions<CatalogOptions>, CatalogOptionsValidator>();
        services.AddOptions<MaintenanceOptions>().BindConfiguration(MaintenanceOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<MaintenanceOptions>, MaintenanceOptionsValidator>();
        services.AddOptions<RateLimitOptions>().BindConfiguration(RateLimitOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<RateLimitOptions>, RateLimitOptionsValidator>();
        services.AddMetrics();
        services.AddSingleton<AuthServerMetrics>();
        services.AddSingleton<ClientLimiter>();
        services.AddSingleton<ScopeResourceCache>();
        services.AddSingleton<AudienceIsolation>();
        services.AddScoped<ClientCatalogReader>();

        // Pooled: most of a request's database cost was setting up a fresh context.
        services.AddHttpContextAccessor();
        services.AddSingleton<StoreDeadline>();
        services.AddDbContextPool<AuthDbContext>((provider, options) => StoreProvider.Configure(options,
            provider.GetRequiredService<IOptions<DatabaseOptions>>().Value,
            provider.GetRequiredService<IConfiguration>().GetConnectionString(DatabaseOptions.ConnectionStringName),
            provider.GetRequiredService<StoreDeadline>()));

        services.AddOptions<KeyProtectionOptions>().BindConfiguration(KeyProtectionOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<KeyProtectionOptions>, KeyProtectionOptionsValidator>();
        services.AddDataProtection().SetApplicationName("AuthServer").PersistKeysToDbContext<AuthDbContext>()
            .ProtectKeysWithConfiguredCertificate(configuration);
        services.AddSingleton<KeyMaterial>();
        services.AddSingleton<KeyRing>();
        services.AddScoped<KeyManager>();
        services.AddScoped<CatalogSynchronizer>();
        services.AddScoped<TokenPruner>();
        services.AddScoped<SpentRefreshTokens>();
        services.AddScoped<RefreshChains>();
        services.AddBubbleValidation();
        services.AddAdminServices();
        services.AddAdminCore();
        services.AddAdminModel();

        services.AddOpenIddict()
            .AddCore(core => core.UseEntityFrameworkCore().UseDbContext<AuthDbContext>())
            .AddServer(OpenIddictServerSetup.Configure);
        services.AddEngineTuning(configuration, unstoredSubjectTokenTypes: [BubbleTokenTypes.User]);

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
