using AuthServer.Clients;
using AuthServer.Operations.Logging;
using AuthServer.Protocol.ErrorResponses;
using AuthServer.Sessions;
using OpenIddict.Abstractions;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace AuthServer.Protocol.UserSessions;

/// <summary>
/// <c>POST /connect/revoke-sessions</c> with <c>user_id</c>: "log out everywhere" for one user of the calling client's
/// own Bubble app. Every chain of that user begun through a client bound to the same app (and version) ends, this
/// client's and its sibling clients' alike, and never a chain of another app, whatever user id is sent: Bubble user
/// ids are unique within one app only. Answers 200 <c>{"revoked_sessions": N}</c>, N being how many this call ended (0
/// when none was left: idempotent). Beside <c>/connect/revoke</c> (RFC 7009), which ends one chain by its token; not
/// OpenID Connect's <c>end_session_endpoint</c>, a browser redirect this server does not have. OpenIddict serves no
/// endpoint of this kind (its revocation endpoint requires a token), so this one is ASP.NET's, with the token
/// endpoint's pieces: the form guard (<see cref="Guards.ProtocolRequestGuard"/>: POST only, 405 with Allow, no query
/// string, one value per parameter, size and character limits), <see cref="EndpointClientAuthentication"/>, the
/// no-store header (<see cref="NoStoreResponses"/>) and RFC 6749 §5.2 errors.
/// </summary>
public static class RevokeSessionsEndpoint
{
    public const string Path = "/connect/revoke-sessions";
    public const string UserIdParameter = "user_id";

    /// <summary>Far beyond a Bubble user id (digits, <c>x</c>, digits: about 32 characters).</summary>
    public const int MaxUserIdLength = 128;

    public static IEndpointRouteBuilder MapRevokeSessions(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost(Path, HandleAsync);
        return endpoints;
    }

    private static async Task HandleAsync(HttpContext context, EndpointClientAuthentication authentication,
        IOpenIddictApplicationManager applications, SessionEnding sessions, ILoggerFactory loggers)
    {
        // The guard has read and checked the form; this reads it from the request's cache.
        var form = await context.Request.ReadFormAsync(context.RequestAborted);
        if (await authentication.AuthenticateAsync(context, form) is not { } application)
        {
            return;
        }

        var client = await ClientPolicy.FromApplicationAsync(applications, application, context.RequestAborted);
        var logger = loggers.CreateLogger(typeof(RevokeSessionsEndpoint));
        var userId = form[UserIdParameter].ToString();
        if (userId.Length == 0 || userId.Length > MaxUserIdLength)
        {
            logger.EndSessionsRefused(client.ClientId, userId.Length == 0 ? "no user_id" : "user_id too long");
            await new OAuthError(Errors.InvalidRequest, userId.Length == 0
                ? "The user_id parameter is required: the Bubble user whose sessions end."
                : $"The user_id must not exceed {MaxUserIdLength} characters.").WriteAsync(context);
            return;
        }

        if (string.IsNullOrEmpty(client.BubbleAppUrl))
        {
            logger.EndSessionsRefused(client.ClientId, "the client has no Bubble app");
            await new OAuthError(Errors.UnauthorizedClient,
                "This client has no Bubble app: it has no users whose sessions it may end.").WriteAsync(context);
            return;
        }

        var count = await sessions.EndAllAsync(new SessionQuery(UserId: userId, BubbleAppUrl: client.BubbleAppUrl),
            ChangeActors.Client(client.ClientId), auditedClientId: client.ClientId, context.RequestAborted);
        await context.Response.WriteAsJsonAsync(new RevokedSessions(count), context.RequestAborted);
    }

    private sealed record RevokedSessions([property: System.Text.Json.Serialization.JsonPropertyName("revoked_sessions")] int Count);
}
