using System.Text.Json.Serialization;
using AuthServer.Operations.Telemetry;

namespace AuthServer.Protocol.ErrorResponses;

/// <summary>An RFC 6749 §5.2 error body, written where OpenIddict never sees the request.</summary>
public sealed record OAuthError(
    [property: JsonPropertyName("error")] string Error,
    [property: JsonPropertyName("error_description")] string Description)
{
    public async Task WriteAsync(HttpContext context, int statusCode = StatusCodes.Status400BadRequest)
    {
        // OpenIddict never sees these answers, so its token-response handler cannot count them; nor
        // is the client id known (the form may not even be readable).
        if (context.Request.Path == "/connect/token")
        {
            context.RequestServices.GetService<AuthServerMetrics>()?.TokenError(Error, TokenEndpointMetrics.UnknownClient);
        }

        context.Response.StatusCode = statusCode;
        context.Response.Headers.CacheControl = "no-store";
        context.Response.Headers.Pragma = "no-cache";
        await context.Response.WriteAsJsonAsync(this with { Description = SafeErrorDescription.Sanitize(Description) },
            context.RequestAborted);
    }
}
