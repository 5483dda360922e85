using Microsoft.EntityFrameworkCore;
using Microsoft.Net.Http.Headers;

namespace AuthServer.Benchmarks.Baseline;

/// <summary>
/// The in-run baselines: bare Kestrel endpoints (no logging, no middleware) doing only the work a
/// request of each kind cannot avoid. Started by the harness as its own child process
/// (<c>--baseline-server</c>), so that it competes for the cores as the servers under test do.
/// Configuration: <c>--urls</c> and <c>--Baseline:Issuer/Database/Synchronous/WhoamiUrl/Jwks/Discovery/ClientJwks</c>.
/// </summary>
public static class BaselineServer
{
    public const string Flag = "--baseline-server";

    public static async Task<int> RunAsync(string[] args)
    {
        var builder = WebApplication.CreateSlimBuilder(args);
        builder.Logging.ClearProviders();
        var settings = builder.Configuration.GetSection("Baseline");
        var database = settings["Database"] ?? throw new InvalidOperationException("Baseline:Database is required.");
        var synchronous = settings["Synchronous"] is "NORMAL" ? "NORMAL" : "FULL";
        builder.Services.AddDbContext<BaselineDbContext>(options => options
            .UseSqlite($"Data Source={database}")
            .AddInterceptors(new SqlitePragmas(synchronous)));
        builder.Services.AddSingleton(new BaselineSigner(settings["Issuer"] ?? throw new InvalidOperationException("Baseline:Issuer is required.")));
        builder.Services.AddSingleton(new BaselineAssertionVerifier(settings["Issuer"]!,
            settings["ClientJwks"] ?? throw new InvalidOperationException("Baseline:ClientJwks is required.")));
        builder.Services.AddSingleton(new HttpClient(new SocketsHttpHandler { UseProxy = false, UseCookies = false }));

        var app = builder.Build();
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<BaselineDbContext>();
            await db.Database.EnsureCreatedAsync();
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;");
        }

        var whoami = settings["WhoamiUrl"] ?? throw new InvalidOperationException("Baseline:WhoamiUrl is required.");
        app.MapPost(BaselinePaths.Sign, (HttpRequest request, BaselineSigner signer) => SignAsync(request, signer));
        app.MapPost(BaselinePaths.SignAfterAssertion, (HttpRequest request, BaselineSigner signer, BaselineAssertionVerifier verifier) =>
            verifier.SignAfterAssertionAsync(request, signer));
        app.MapPost(BaselinePaths.SignAfterWhoami, (HttpRequest request, BaselineSigner signer, HttpClient http) =>
            BaselineWhoami.SignAfterWhoamiAsync(request, signer, http, whoami));
        app.MapPost(BaselinePaths.RotateStart, (BaselineDbContext db, CancellationToken cancel) => BaselineRotation.StartAsync(db, cancel));
        app.MapPost(BaselinePaths.Rotate, (HttpRequest request, BaselineDbContext db, CancellationToken cancel) =>
            BaselineRotation.RotateAsync(request, db, cancel));
        app.MapPost(BaselinePaths.RotateAfterWhoami, (HttpRequest request, BaselineDbContext db, HttpClient http, CancellationToken cancel) =>
            BaselineWhoami.RotateAfterWhoamiAsync(request, db, http, whoami, cancel));
        MapDocument(app, BaselinePaths.Jwks, settings["Jwks"]);
        MapDocument(app, BaselinePaths.Discovery, settings["Discovery"]);

        await app.RunAsync();
        return 0;
    }

    /// <summary>(a): the form and the Basic credentials are read, then a JWT is signed.</summary>
    private static async Task<IResult> SignAsync(HttpRequest request, BaselineSigner signer)
    {
        var form = await request.ReadFormAsync(request.HttpContext.RequestAborted);
        var clientId = BasicCredentials.ClientId(request) ?? "";
        return signer.Answer(clientId, clientId, form["scope"].ToString() is { Length: > 0 } scope ? scope : "sample-api.read");
    }

    /// <summary>(d): the bytes of AuthServer's own document, read once, with the caching headers a JWKS carries.</summary>
    private static void MapDocument(WebApplication app, string path, string? file)
    {
        var bytes = File.ReadAllBytes(file ?? throw new InvalidOperationException($"The document for {path} is required."));
        var etag = $"\"{Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(bytes))[..16]}\"";
        app.MapGet(path, (HttpResponse response) =>
        {
            response.Headers.CacheControl = "public, max-age=300";
            response.Headers.ETag = etag;
            return Results.Bytes(bytes, "application/json;charset=UTF-8");
        });
    }
}
