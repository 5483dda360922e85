using System.Security.Claims;
using Serilog;

namespace SampleApi;

/// <summary>A protected API that trusts AuthServer's tokens, validating them offline from its JWKS.</summary>
public static class SampleApiHost
{
    public const string ReadPolicy = "sample-api.read";

    public static WebApplication Build(string[] args) => Build(new WebApplicationOptions { Args = args });

    public static WebApplication Build(WebApplicationOptions options, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(options);
        builder.Services.AddSerilog((services, logger) => logger.ReadFrom.Configuration(builder.Configuration)
            // The host's "Hosting failed to start" carries the stack trace Program.cs replaces with one line.
            .MinimumLevel.Override("Microsoft.Extensions.Hosting", Serilog.Events.LogEventLevel.Fatal)
            .ReadFrom.Services(services).WriteTo.Console(formatProvider: System.Globalization.CultureInfo.InvariantCulture),
            preserveStaticLogger: true);
        configure?.Invoke(builder);
        builder.Services.AddSampleApiAuthentication(builder.Configuration, builder.Environment);
        builder.Services.AddAuthorizationBuilder()
            .AddPolicy(ReadPolicy, policy => policy.RequireAuthenticatedUser().RequireAssertion(ctx => HasScope(ctx.User, ReadPolicy)));

        var app = builder.Build();
        app.UseSerilogRequestLogging();
        app.UseAuthentication();
        app.UseAuthorization();

        app.MapGet("/me", (ClaimsPrincipal user) => Results.Ok(new
        {
            sub = user.FindFirstValue("sub"),
            client_id = user.FindFirstValue("client_id"),
            email = user.FindFirstValue("email"),
            scope = Scopes(user),
        })).RequireAuthorization();

        // The shape of /me with fixed values and no authentication: the benchmark's in-run baseline for /me
        // (docs/benchmarks.md), so the cost of validating a token can be told apart from the cost of the host.
        app.MapGet("/anonymous", () => Results.Ok(new
        {
            sub = "anonymous",
            client_id = "anonymous",
            email = (string?)null,
            scope = Array.Empty<string>(),
        }));

        app.MapGet("/data", (ClaimsPrincipal user) => Results.Ok(new
        {
            caller = user.FindFirstValue("sub"),
            items = new[] { new { id = 1, name = "first sample" }, new { id = 2, name = "second sample" } },
        })).RequireAuthorization(ReadPolicy);

        return app;
    }

    public static string[] Scopes(ClaimsPrincipal user) =>
        user.FindAll("scope").SelectMany(c => c.Value.Split(' ', StringSplitOptions.RemoveEmptyEntries)).Distinct().ToArray();

    private static bool HasScope(ClaimsPrincipal user, string scope) => Scopes(user).Contains(scope, StringComparer.Ordinal);
}
