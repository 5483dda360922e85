using System.Security.Cryptography;
using AuthServer.Keys;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Net.Http.Headers;

namespace AuthServer.Protocol.Discovery;

/// <summary>
/// Serves discovery and the JWKS from a document built once per key set, with an ETag and
/// <c>Cache-Control: public</c>, and answers <c>304</c> to a matching <c>If-None-Match</c>. The key
/// ring's stamp is part of the entry, so a rotation or a revocation rebuilds the document at once.
/// </summary>
public sealed class MetadataDocumentCache(RequestDelegate next, KeyRing ring, MetadataPaths paths)
{
    /// <summary>How long clients and proxies may reuse a document; a revoked key leaves caches within it.</summary>
    public static readonly TimeSpan MaxAge = TimeSpan.FromMinutes(5);

    // Keyed by origin (the Host header is the client's to choose), so the number of entries is bounded.
    private readonly MemoryCache _documents = new(new MemoryCacheOptions { SizeLimit = 256 });

    public async Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        if (!HttpMethods.IsGet(request.Method) || !paths.IsMetadata(request.Path))
        {
            await next(context);
            return;
        }

        // In Development the issuer follows the request's origin, so the origin is part of the key.
        var key = $"{request.Scheme}://{request.Host}{request.Path}".ToLowerInvariant();
        var stamp = ring.Current.Stamp;
        if (!_documents.TryGetValue(key, out Document? document) || document is null || document.Stamp != stamp)
        {
            document = await RenderAsync(context, stamp);
            if (document is null)
            {
                return; // not a 200: OpenIddict's answer has been sent as it was
            }

            _documents.Set(key, document, new MemoryCacheEntryOptions { Size = 1, SlidingExpiration = TimeSpan.FromHours(1) });
        }

        await document.WriteAsync(context);
    }

    private async Task<Document?> RenderAsync(HttpContext context, string stamp)
    {
        var original = context.Response.Body;
        using var buffer = new MemoryStream();
        context.Response.Body = buffer;
        try
        {
            await next(context);
        }
        finally
        {
            context.Response.Body = original;
        }

        if (context.Response.StatusCode != StatusCodes.Status200OK)
        {
            buffer.Position = 0;
            await buffer.CopyToAsync(original, context.RequestAborted);
            return null;
        }

        var bytes = buffer.ToArray();
        var etag = $"\"{Convert.ToHexStringLower(SHA256.HashData(bytes))[..32]}\"";
        return new Document(stamp, bytes, context.Response.ContentType ?? "application/json;charset=UTF-8", etag);
    }

    private sealed record Document(string Stamp, byte[] Body, string ContentType, string ETag)
    {
        public async Task WriteAsync(HttpContext context)
        {
            var response = context.Response;
            response.Headers.CacheControl = $"public, max-age={(int)MaxAge.TotalSeconds}";
            response.Headers.ETag = ETag;
            response.Headers.Pragma = default;
            response.Headers.Expires = default;
            if (IfNoneMatchHits(context.Request))
            {
                response.StatusCode = StatusCodes.Status304NotModified;
                response.ContentLength = null;
                return;
            }

            response.StatusCode = StatusCodes.Status200OK;
            response.ContentType = ContentType;
            response.ContentLength = Body.Length;
            await response.Body.WriteAsync(Body, context.RequestAborted);
        }

        private bool IfNoneMatchHits(HttpRequest request) =>
            EntityTagHeaderValue.TryParseList(request.Headers.IfNoneMatch, out var tags)
            && tags.Any(tag => tag.Equals(EntityTagHeaderValue.Any) || tag.Tag.Equals(ETag, StringComparison.Ordinal));
    }
}
