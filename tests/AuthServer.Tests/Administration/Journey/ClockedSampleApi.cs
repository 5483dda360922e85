using AuthServer.Tests.Infrastructure;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.DependencyInjection;

namespace AuthServer.Tests.Administration.Journey;

/// <summary>
/// The real SampleApi, whose token lifetime check reads the test's clock (AuthServer's too), so that an access token
/// expires at the API when the test moves time forward, with SampleApi's own one minute of skew, without waiting.
/// </summary>
public static class ClockedSampleApi
{
    public static Task<SampleApiInstance> StartAsync(string authority, string contentRoot, LogCapture logs, TimeProvider clock) =>
        SampleApiInstance.StartAsync(authority, contentRoot, logs, configureServices: services =>
            services.PostConfigure<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme, options =>
                options.TokenValidationParameters.LifetimeValidator = (notBefore, expires, _, parameters) =>
                {
                    var now = clock.GetUtcNow().UtcDateTime;
                    return expires is { } end && now < end + parameters.ClockSkew
                        && (notBefore is not { } start || now >= start - parameters.ClockSkew);
                }));
}
