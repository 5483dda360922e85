using System.Collections.Concurrent;
using System.IO.Compression;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace AuthServer.Tests.Infrastructure;

/// <summary>
/// A stand-in OTLP/HTTP collector on loopback: keeps each export's path and raw protobuf body (strings
/// appear in protobuf as plain UTF-8, so a body can be searched for a token) and answers 200.
/// </summary>
public sealed class OtlpReceiver : LoopbackApp
{
    private OtlpReceiver(WebApplication app, string url, ConcurrentQueue<(string Path, byte[] Body)> exports) : base(app, url)
    {
        Exports = exports;
    }

    public ConcurrentQueue<(string Path, byte[] Body)> Exports { get; }

    public static async Task<OtlpReceiver> StartAsync()
    {
        var exports = new ConcurrentQueue<(string Path, byte[] Body)>();
        var (app, url) = await StartOnFreePortAsync(url =>
        {
            var builder = WebApplication.CreateSlimBuilder();
            builder.WebHost.UseUrls(url);
            builder.Logging.ClearProviders();
            var app = builder.Build();
            app.MapPost("/v1/{signal}", async context =>
            {
                var body = context.Request.Headers.ContentEncoding == "gzip"
                    ? new GZipStream(context.Request.Body, CompressionMode.Decompress)
                    : context.Request.Body;
                using var copy = new MemoryStream();
                await body.CopyToAsync(copy);
                exports.Enqueue((context.Request.Path, copy.ToArray()));
                context.Response.ContentType = "application/x-protobuf";
            });
            return app;
        });
        return new OtlpReceiver(app, url, exports);
    }
}
