using AuthServer.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace AuthServer.Tests.Administration.Journey;

/// <summary>
/// A pass-through in front of AuthServer that can answer the next requests itself with
/// <c>503 temporarily_unavailable</c> and <c>Retry-After</c>, as AuthServer does while its store or Bubble is down:
/// the guide's retry branch meets the answer it is written for, and AuthServer's own state is untouched.
/// </summary>
public sealed class FaultInjectingProxy : LoopbackApp
{
    private static readonly HttpClient Forwarder = new();
    private int _failuresLeft;

    private FaultInjectingProxy(WebApplication app, string url) : base(app, url)
    {
    }

    public int Failed { get; private set; }

    public void FailNext(int count) => Interlocked.Exchange(ref _failuresLeft, count);

    public static async Task<FaultInjectingProxy> StartAsync(string target)
    {
        FaultInjectingProxy? proxy = null;
        var (app, url) = await StartOnFreePortAsync(url =>
        {
            var builder = WebApplication.CreateBuilder();
            builder.WebHost.UseUrls(url);
            builder.Logging.ClearProviders();
            var app = builder.Build();
            app.Run(context => proxy!.HandleAsync(context, target));
            return app;
        });
        return proxy = new FaultInjectingProxy(app, url);
    }

    private async Task HandleAsync(HttpContext context, string target)
    {
        if (Interlocked.Decrement(ref _failuresLeft) >= 0)
        {
            Failed++;
            context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            context.Response.Headers.RetryAfter = "5";
            context.Response.Headers.CacheControl = "no-store";
            await context.Response.WriteAsJsonAsync(new
            {
                error = "temporarily_unavailable",
                error_description = "The service is temporarily unavailable. Try again later.",
            });
            return;
        }

        Interlocked.Exchange(ref _failuresLeft, 0);
        using var forward = new HttpRequestMessage(new HttpMethod(context.Request.Method), target.TrimEnd('/') + context.Request.Path);
        using var body = new MemoryStream();
        await context.Request.Body.CopyToAsync(body);
        forward.Content = new ByteArrayContent(body.ToArray());
        if (context.Request.ContentType is { } contentType)
        {
            forward.Content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        }

        if (context.Request.Headers.Authorization is { Count: > 0 } authorization)
        {
            forward.Headers.TryAddWithoutValidation("Authorization", authorization.ToString());
        }

        using var answer = await Forwarder.SendAsync(forward);
        context.Response.StatusCode = (int)answer.StatusCode;
        if (answer.Content.Headers.ContentType is { } type)
        {
            context.Response.ContentType = type.ToString();
        }

        await context.Response.Body.WriteAsync(await answer.Content.ReadAsByteArrayAsync());
    }
}
