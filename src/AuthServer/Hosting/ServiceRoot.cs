using AuthServer.Options;
using AuthServer.Protocol.Discovery;

namespace AuthServer.Hosting;

/// <summary>
/// <c>GET /</c>: what this server is and where to go next (discovery, JWKS, health, the console, the docs), for a
/// newcomer who opens the address in a browser. Only what the discovery document already tells anyone.
/// <c>/favicon.ico</c> answers 204, so a browser's automatic request is not a 404 in the log.
/// </summary>
public static class ServiceRoot
{
    public static WebApplication MapServiceRoot(this WebApplication app)
    {
        var consoleHere = AdminOptions.TryRead(app.Configuration) is { Enabled: true, Urls.Count: 0 };
        app.MapMethods("/", [HttpMethods.Get, HttpMethods.Head], (HttpContext context, MetadataPaths paths) =>
        {
            var origin = $"{context.Request.Scheme}://{context.Request.Host}{context.Request.PathBase}";
            return Results.Json(new RootDocument(
                "AuthServer: an OAuth 2.0 authorization server. APIs validate its tokens offline with the JWKS.",
                origin + paths.Discovery,
                origin + paths.Jwks,
                origin + "/health/ready",
                consoleHere ? origin + AdminConsole.AdminPaths.Root : null,
                "README.md and docs/ in the AuthServer source; docs/reference.md lists every endpoint, setting and error."));
        });
        app.MapMethods("/favicon.ico", [HttpMethods.Get, HttpMethods.Head], (HttpContext context) =>
        {
            context.Response.Headers.CacheControl = "public, max-age=86400";
            return Results.NoContent();
        });
        return app;
    }

    /// <summary><see cref="Console"/> is left out when the console has addresses of its own (<c>Admin:Urls</c>) or is off.</summary>
    private sealed record RootDocument(
        [property: System.Text.Json.Serialization.JsonPropertyName("about")] string About,
        [property: System.Text.Json.Serialization.JsonPropertyName("discovery")] string Discovery,
        [property: System.Text.Json.Serialization.JsonPropertyName("jwks")] string Jwks,
        [property: System.Text.Json.Serialization.JsonPropertyName("health")] string Health,
        [property: System.Text.Json.Serialization.JsonPropertyName("console"),
                   System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)] string? Console,
        [property: System.Text.Json.Serialization.JsonPropertyName("docs")] string Docs);
}
