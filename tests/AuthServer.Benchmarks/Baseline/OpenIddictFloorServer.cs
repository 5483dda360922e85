using System.Security.Claims;
using System.Security.Cryptography;
using AuthServer.Benchmarks.Processes;
using Microsoft.IdentityModel.Tokens;
using OpenIddict.Abstractions;
using static OpenIddict.Abstractions.OpenIddictConstants;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace AuthServer.Benchmarks.Baseline;

/// <summary>
/// A reference, not a baseline: stock OpenIddict 7.8 answering client_credentials with as little as it
/// allows. Degraded mode (no store: the client is checked against the harness's one secret in memory),
/// no logging, no middleware but OpenIddict's own, an RS256 key of AuthServer's size, and the same
/// claims (subject, client, scope, audience). Its ratio to (a) is what OpenIddict itself costs on this
/// machine, the floor under any server built on it (<c>--openiddict-floor-server</c>; <c>--urls</c> only).
/// </summary>
public static class OpenIddictFloorServer
{
    public const string Flag = "--openiddict-floor-server";

    public static async Task<int> RunAsync(string[] args)
    {
        var builder = WebApplication.CreateSlimBuilder(args);
        builder.Logging.ClearProviders();
        builder.Services.AddOpenIddict().AddServer(server =>
        {
            server.SetTokenEndpointUris("connect/token")
                .AllowClientCredentialsFlow()
                .EnableDegradedMode()
                .DisableAccessTokenEncryption()
                .AddEphemeralEncryptionKey()
                .AddSigningKey(new RsaSecurityKey(RSA.Create(2048)) { KeyId = Guid.NewGuid().ToString("N") })
                .RegisterScopes(BenchClients.Scope);
            server.UseAspNetCore().DisableTransportSecurityRequirement();
            server.AddEventHandler<ValidateTokenRequestContext>(handler => handler.UseInlineHandler(CheckClient));
            server.AddEventHandler<HandleTokenRequestContext>(handler => handler.UseInlineHandler(SignIn));
        });

        var app = builder.Build();
        app.UseAuthentication();
        await app.RunAsync();
        return 0;
    }

    private static ValueTask CheckClient(ValidateTokenRequestContext context)
    {
        if (context.ClientId != BenchClients.Script || context.ClientSecret != BenchClients.ScriptSecret)
        {
            context.Reject(Errors.InvalidClient, "Unknown client or wrong secret.");
        }

        return default;
    }

    private static ValueTask SignIn(HandleTokenRequestContext context)
    {
        var identity = new ClaimsIdentity(TokenValidationParameters.DefaultAuthenticationType, Claims.Name, Claims.Role);
        identity.SetClaim(Claims.Subject, context.ClientId).SetClaim(Claims.ClientId, context.ClientId);
        var principal = new ClaimsPrincipal(identity);
        principal.SetScopes(context.Request.GetScopes());
        principal.SetResources(BenchClients.Audience);
        principal.SetDestinations(static _ => [Destinations.AccessToken]);
        context.SignIn(principal);
        return default;
    }
}
