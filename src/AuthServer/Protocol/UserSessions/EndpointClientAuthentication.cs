using System.Net;
using System.Text;
using AuthServer.Clients;
using AuthServer.Operations.Logging;
using AuthServer.Operations.Telemetry;
using AuthServer.Protocol.ErrorResponses;
using AuthServer.Protocol.Guards;
using OpenIddict.Abstractions;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace AuthServer.Protocol.UserSessions;

/// <summary>
/// Client authentication for an endpoint OpenIddict does not serve, the same as at the token endpoint, piece by piece:
/// <c>client_secret_basic</c> or <c>client_secret_post</c> (RFC 6749 §2.3.1), one client per request
/// (<see cref="BasicClientIdMismatch{TContext}"/>'s rule), impossible ids refused first
/// (<see cref="ImpossibleClientIdHandler"/>), the client's request bucket and lockout before its secret is checked
/// (<see cref="ClientLimiter"/>, as <see cref="ClientRateLimitHandler"/> uses it), the secret verified by OpenIddict's
/// application manager (the store's hash, through the verified-secret cache), and each failure counted toward the
/// lockout (<see cref="FailedAuthenticationRecorder{TContext}"/>'s rule). The form was read and checked already by
/// <see cref="ProtocolRequestGuard"/>. The answers are the token endpoint's: 401 <c>invalid_client</c> with a Basic
/// challenge and one description whatever failed, 429 <c>temporarily_unavailable</c> with Retry-After.
/// </summary>
public sealed class EndpointClientAuthentication(IOpenIddictApplicationManager applications, ClientLimiter limiter,
    ILogger<EndpointClientAuthentication> logger)
{
    /// <summary>The authenticated client's application, or null once the refusal has been written.</summary>
    public async Task<object?> AuthenticateAsync(HttpContext context, IFormCollection form)
    {
        var credentials = Read(context.Request, form);
        if (credentials.Problem is { } problem)
        {
            await WriteAsync(context, problem);
            return null;
        }

        var (clientId, secret) = (credentials.ClientId!, credentials.Secret!);
        if (!ClientRules.CanNameAClient(clientId))
        {
            logger.ImpossibleClientId(context.Request.Path);
            await WriteAsync(context, Failed);
            return null;
        }

        var application = await applications.FindByClientIdAsync(clientId, context.RequestAborted);
        if (limiter.TryAcquire(clientId, application is not null) is { } retryAfter)
        {
            logger.ClientThrottled(application is not null ? clientId : TokenEndpointMetrics.UnknownClient);
            context.Response.Headers.RetryAfter = RetryAfter.HeaderValue(retryAfter);
            await new OAuthError(Errors.TemporarilyUnavailable, ClientRateLimitHandler.ThrottledDescription)
                .WriteAsync(context, StatusCodes.Status429TooManyRequests);
            return null;
        }

        if (application is null
            || await applications.HasClientTypeAsync(application, ClientTypes.Public, context.RequestAborted)
            || !await applications.ValidateClientSecretAsync(application, secret, context.RequestAborted)
            // A client restricted to private_key_jwt has no secret that counts, here as at the token endpoint.
            || await AuthServer.Protocol.ClientAssertions.ClientAssertionUse.IsPrivateKeyJwtOnlyAsync(applications, application, context.RequestAborted))
        {
            if (application is not null)
            {
                limiter.RecordFailedAuthentication(clientId);
            }

            await WriteAsync(context, Failed);
            return null;
        }

        return application;
    }

    private static readonly Refusal Failed = new(Errors.InvalidClient, ClientAuthenticationFailure.FailedDescription);

    private static readonly Refusal Missing = new(Errors.InvalidClient,
        "Client authentication is required: send client_id and client_secret with HTTP Basic or in the form.");

    private sealed record Refusal(string Error, string Description);

    private sealed record Credentials(string? ClientId, string? Secret, Refusal? Problem);

    private static Credentials Read(HttpRequest request, IFormCollection form)
    {
        var formClientId = form[Parameters.ClientId].ToString();
        var formSecret = form[Parameters.ClientSecret].ToString();
        var header = request.Headers.Authorization.ToString();
        if (!header.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase))
        {
            return formClientId.Length == 0 || formSecret.Length == 0 ? new(null, null, Missing) : new(formClientId, formSecret, null);
        }

        if (Basic(header["Basic ".Length..]) is not var (clientId, secret))
        {
            return new(null, null, new(Errors.InvalidClient, "The Authorization header is not valid HTTP Basic client authentication."));
        }

        if (formSecret.Length > 0)
        {
            return new(null, null, new(Errors.InvalidRequest, "Send the client's credentials once: with HTTP Basic or in the form."));
        }

        if (formClientId.Length > 0 && !string.Equals(formClientId, clientId, StringComparison.Ordinal))
        {
            return new(null, null, new(Errors.InvalidRequest,
                "The client_id in the form differs from the client of the Authorization header; authenticate one client."));
        }

        // A missing secret is told from the request alone, before any lookup: the answer says nothing of which ids exist.
        return clientId.Length == 0 || secret.Length == 0 ? new(null, null, Missing) : new(clientId, secret, null);
    }

    /// <summary>RFC 6749 §2.3.1: base64 of the form-urlencoded id, a colon, and the form-urlencoded secret.</summary>
    private static (string ClientId, string Secret)? Basic(string encoded)
    {
        string pair;
        try
        {
            pair = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(Convert.FromBase64String(encoded.Trim()));
        }
        catch (Exception ex) when (ex is FormatException or DecoderFallbackException)
        {
            return null;
        }

        var colon = pair.IndexOf(':', StringComparison.Ordinal);
        return colon < 0 ? null : (WebUtility.UrlDecode(pair[..colon]), WebUtility.UrlDecode(pair[(colon + 1)..]));
    }

    private static async Task WriteAsync(HttpContext context, Refusal refusal)
    {
        if (refusal.Error == Errors.InvalidClient)
        {
            // As OpenIddict writes it at the token endpoint (RFC 6750 §3's parameters on RFC 7617's Basic challenge).
            context.Response.Headers.WWWAuthenticate =
                $"Basic realm=\"AuthServer\", error=\"{refusal.Error}\", error_description=\"{refusal.Description}\"";
            await new OAuthError(refusal.Error, refusal.Description).WriteAsync(context, StatusCodes.Status401Unauthorized);
        }
        else
        {
            await new OAuthError(refusal.Error, refusal.Description).WriteAsync(context);
        }
    }
}
