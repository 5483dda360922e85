using System.Text;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Net.Http.Headers;
using static OpenIddict.Abstractions.OpenIddictConstants;
using AuthServer.Operations.Logging;
using AuthServer.Protocol.ErrorResponses;
using AuthServer.Protocol.Token;

namespace AuthServer.Protocol.Guards;

/// <summary>
/// Reads and checks the form of every POST to <c>/connect/*</c> before OpenIddict does, so a
/// malformed, oversized, repeated or wrongly typed input is answered <c>invalid_request</c> in
/// RFC 6749 §5.2 JSON rather than an empty 500. Descriptions never quote the input: §5.2 limits
/// them to printable ASCII without <c>"</c> and <c>\</c>, and a name is attacker-chosen. The scope list
/// is capped by <see cref="ScopeListLimit"/> instead, once the client is authenticated: a request from an
/// unknown client or with a wrong secret is <c>invalid_client</c>, whatever else is wrong with it.
/// </summary>
public sealed class ProtocolRequestGuard(RequestDelegate next, ILogger<ProtocolRequestGuard> logger)
{
    public const long MaxBodyBytes = 64 * 1024;
    public const int MaxSubjectTokenLength = 4096;

    // RFC 8693 §2.1 and RFC 8707: several targets may be named; every other parameter appears once (RFC 6749 §3.2).
    private static readonly HashSet<string> Repeatable = new(StringComparer.Ordinal) { Parameters.Audience, Parameters.Resource };

    public static void ConfigureFormLimits(FormOptions options)
    {
        options.ValueCountLimit = 64;
        options.KeyLengthLimit = 256;
        options.ValueLengthLimit = (int)MaxBodyBytes;
    }

    public async Task InvokeAsync(HttpContext context)
    {
        if (!context.Request.Path.StartsWithSegments("/connect"))
        {
            await next(context);
            return;
        }

        // RFC 7662 §2.1 and RFC 7009 §2.1 define POST only, and RFC 6749 §2.3.1 forbids client
        // credentials in the URI: a GET is refused before anything in its query string is used.
        // 405 with Allow tells HTTP what is wrong; the §5.2 body tells an OAuth client.
        if (!HttpMethods.IsPost(context.Request.Method))
        {
            logger.MalformedRequest(context.Request.Path, "method not allowed");
            context.Response.Headers.Allow = HttpMethods.Post;
            await new OAuthError(Errors.InvalidRequest, "This endpoint accepts only POST with a form body.")
                .WriteAsync(context, StatusCodes.Status405MethodNotAllowed);
            return;
        }

        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
        {
            size.MaxRequestBodySize = MaxBodyBytes;
        }

        var problem = await CheckAsync(context);
        if (problem is not null)
        {
            // Logged once written: a client that closed the connection mid-body is gone, the write fails,
            // and the request is logged as aborted instead (AbortedRequests).
            await new OAuthError(Errors.InvalidRequest, problem).WriteAsync(context);
            logger.MalformedRequest(context.Request.Path, problem);
            return;
        }

        await next(context);
    }

    /// <summary>
    /// The connection closed before the body's Content-Length arrived. Kestrel reports that as this 400 before it
    /// signals RequestAborted (the two race under load), and its reason is internal, so its fixed text is matched.
    /// </summary>
    private static bool IsBodyCutShort(Exception ex) =>
        ex is BadHttpRequestException { StatusCode: StatusCodes.Status400BadRequest } bad
        && bad.Message.Contains("Unexpected end of request content", StringComparison.OrdinalIgnoreCase);

    private static async Task<string?> CheckAsync(HttpContext context)
    {
        if (!MediaTypeHeaderValue.TryParse(context.Request.ContentType, out var type)
            || !type.MediaType.Equals("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase))
        {
            return "The request body must be application/x-www-form-urlencoded.";
        }

        IFormCollection form;
        try
        {
            form = await context.Request.ReadFormAsync(context.RequestAborted);
        }
        catch (Exception ex) when (ex is InvalidDataException or BadHttpRequestException or IOException or DecoderFallbackException)
        {
            // A client that went away mid-body sent nothing malformed: the request ends as aborted (AbortedRequests).
            // Kestrel's own 408 for a body sent too slowly is still answered as one.
            if ((context.RequestAborted.IsCancellationRequested || IsBodyCutShort(ex))
                && ex is not BadHttpRequestException { StatusCode: StatusCodes.Status408RequestTimeout })
            {
                throw new Operations.Logging.ClientAbortedRequestException("The client aborted the request while sending its body.", ex);
            }

            return "The request body is not a well-formed form of acceptable size.";
        }

        foreach (var (name, values) in form)
        {
            if (values.Count > 1 && !Repeatable.Contains(name))
            {
                return "A parameter is repeated; each may appear once.";
            }

            if (HasForbiddenCharacters(name) || HasForbiddenCharacters(values.ToString()))
            {
                return "A parameter name or value contains control characters or invalid UTF-8.";
            }
        }

        return form.TryGetValue(Parameters.SubjectToken, out var subject) && subject.ToString().Length > MaxSubjectTokenLength
            ? $"The subject_token must not exceed {MaxSubjectTokenLength} characters."
            : null;
    }

    // U+FFFD is what the form decoder substitutes for bytes that are not UTF-8.
    private static bool HasForbiddenCharacters(string value) =>
        value.AsSpan().IndexOfAnyInRange('\u0000', '\u001f') >= 0 || value.Contains('\u007f') || value.Contains('\ufffd');
}
