using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.IdentityModel.Tokens;

namespace SampleApi;

public static class JwtAuthenticationSetup
{
    /// <summary>
    /// JwtBearer against AuthServer's discovery document: signature, issuer, audience, lifetime
    /// and the RFC 9068 <c>at+jwt</c> type are all checked, with at most one minute of clock skew.
    /// </summary>
    public static IServiceCollection AddSampleApiAuthentication(this IServiceCollection services, IConfiguration configuration,
        IHostEnvironment environment)
    {
        var auth = configuration.GetSection("Auth");
        var authority = auth["Authority"] ?? throw new InvalidOperationException("Auth:Authority is required (the AuthServer issuer URL).");
        var audience = auth["Audience"] ?? "sample-api";
        var requireHttps = auth.GetValue<bool?>("RequireHttpsMetadata") ?? !environment.IsDevelopment();
        var keySetRefresh = auth.GetValue<TimeSpan?>("KeySetRefreshInterval");

        services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer(options =>
        {
            options.Authority = authority;
            options.Audience = audience;
            options.RequireHttpsMetadata = requireHttps;
            options.MapInboundClaims = false;
            options.RefreshOnIssuerKeyNotFound = true;
            if (keySetRefresh is { } interval)
            {
                options.ConfigurationManager = new PeriodicConfigurationManager(
                    $"{authority.TrimEnd('/')}/.well-known/openid-configuration", new HttpClient(), requireHttps, interval);
            }

            options.TokenValidationParameters = new TokenValidationParameters
            {
                ValidateIssuer = true,
                ValidIssuer = authority,
                ValidateAudience = true,
                ValidAudience = audience,
                ValidateLifetime = true,
                RequireExpirationTime = true,
                ValidateIssuerSigningKey = true,
                RequireSignedTokens = true,
                ValidTypes = ["at+jwt", "application/at+jwt"],
                ClockSkew = TimeSpan.FromMinutes(1),
                NameClaimType = "sub",
            };
            options.Events = new JwtBearerEvents
            {
                // JwtBearer rethrows (a 500) what a custom configuration manager throws; with its own manager
                // the same outage fails validation and is a 401. Both managers answer alike: 401 invalid_token.
                OnAuthenticationFailed = context =>
                {
                    if (context.Exception is AuthorityUnavailableException)
                    {
                        context.Fail(context.Exception);
                    }

                    return Task.CompletedTask;
                },
                // RFC 6750 §3.1: a request that sent no token gets a bare challenge, without an error code ("the
                // resource server SHOULD NOT include an error code"); one whose token failed validation gets
                // invalid_token. A request without a bearer token has no AuthenticateFailure.
                OnChallenge = context =>
                {
                    context.HandleResponse();
                    context.Response.StatusCode = StatusCodes.Status401Unauthorized;
                    context.Response.Headers.WWWAuthenticate = context.AuthenticateFailure is null
                        ? "Bearer"
                        : "Bearer error=\"invalid_token\"";
                    return Task.CompletedTask;
                },
                OnForbidden = context =>
                {
                    context.Response.StatusCode = StatusCodes.Status403Forbidden;
                    context.Response.Headers.WWWAuthenticate = "Bearer error=\"insufficient_scope\"";
                    return Task.CompletedTask;
                },
            };
        });
        return services;
    }
}
