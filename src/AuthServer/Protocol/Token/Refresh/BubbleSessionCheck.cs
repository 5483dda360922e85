using AuthServer.Bubble;
using AuthServer.Clients;
using AuthServer.Operations.Logging;
using AuthServer.Options;
using AuthServer.Protocol.ErrorResponses;
using AuthServer.Protocol.Filters;
using AuthServer.Sessions;
using AuthServer.Storage.Sessions;
using Microsoft.Extensions.Options;
using OpenIddict.Abstractions;
using OpenIddict.Server;
using static OpenIddict.Abstractions.OpenIddictConstants;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace AuthServer.Protocol.Token.Refresh;

/// <summary>
/// Keeps a chain within its Bubble user's session. A refresh is refused, and the chain ended, at the chain's absolute
/// end, and (for clients with <c>BubbleSessionCheck</c>) when the Bubble app no longer knows the Bubble token the chain
/// came from, or names another user for it. Bubble is asked again only when it last confirmed the login longer ago than
/// <c>Bubble:SessionCheckInterval</c>, and a token it refused moments ago is not asked about again (the rejection
/// cache); its positive cache is never used here, since the question is whether the login still holds now. An outage
/// answers 503 and keeps the chain: the refresh token is not redeemed, so the same one works when Bubble is back.
/// The end and the last confirmation travel in the chain's refresh tokens (<see cref="ChainClaims"/>): the session's
/// row is read only when a check is due, to decrypt the Bubble token, and never written by a refresh.
/// </summary>
public sealed class BubbleSessionCheck(
    IOpenIddictApplicationManager applications,
    UserSessionStore sessions,
    SubjectTokenProtector protector,
    BubbleUserClient bubble,
    BubbleAnswerCache cache,
    SessionChains chains,
    SessionAudit audit,
    IOptions<AuthOptions> auth,
    IOptions<BubbleOptions> bubbleOptions,
    TimeProvider clock,
    ILogger<BubbleSessionCheck> logger) : IOpenIddictServerHandler<HandleTokenRequestContext>
{
    public const string EndedDescription = "The Bubble session this refresh token came from has ended; log the user in again.";
    public const string UserChangedDescription = "The Bubble login this refresh token came from no longer belongs to its user; log the user in again.";
    public const string AbsoluteEndDescription = "The session has reached its absolute lifetime; log the user in again.";

    public static OpenIddictServerHandlerDescriptor Descriptor { get; } =
        OpenIddictServerHandlerDescriptor.CreateBuilder<HandleTokenRequestContext>()
            .UseScopedHandler<BubbleSessionCheck>()
            // After RefreshTokenPrincipalHandler has re-decided the chain against the client: no Bubble call for a refused one.
            .SetOrder(OpenIddictServerHandlers.Exchange.AttachPrincipal.Descriptor.Order + 1_150)
            .AddFilter<RequireRefreshTokenGrant>()
            .SetType(OpenIddictServerHandlerType.Custom)
            .Build();

    public async ValueTask HandleAsync(HandleTokenRequestContext context)
    {
        // A chain begun before sessions were kept carries no end: it ends as it always did.
        if (context.Principal is not { } principal
            || principal.GetAuthorizationId() is not { Length: > 0 } chainId
            || ChainClaims.GetSessionEnds(principal) is not { } ends)
        {
            return;
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var clientId = context.Request.ClientId!;
        var subject = principal.GetClaim(Claims.Subject) ?? "";
        if (now >= ends)
        {
            await EndAsync(chainId, clientId, SessionAudit.Server, SessionAudit.ReachedAbsoluteEnd, "reached its absolute lifetime", context);
            logger.SessionReachedAbsoluteEnd(chainId, clientId, subject);
            context.Reject(Errors.InvalidGrant, AbsoluteEndDescription);
            return;
        }

        var client = await ClientPolicy.RequireAsync(applications, context.Transaction, clientId, context.CancellationToken);
        if (client.BubbleSessionCheck
            && now - (ChainClaims.GetBubbleConfirmed(principal) ?? DateTime.MinValue) >= bubbleOptions.Value.SessionCheckInterval
            && await sessions.FindAsync(chainId, context.CancellationToken) is { ProtectedSubjectToken: { } protectedToken } session)
        {
            if (protector.Unprotect(protectedToken) is not { } token)
            {
                logger.BubbleSessionTokenUnreadable(chainId, clientId);
            }
            else if (await CheckAsync(session, client, token, context))
            {
                // Only the chain's next refresh token records it: a refresh writes no session row.
                ChainClaims.SetBubbleConfirmed(principal, now);
            }
            else
            {
                return;
            }
        }

        SessionLifetime.CapRefreshToken(principal, auth.Value, ends - now);
    }

    /// <summary>Whether Bubble still knows the login as the chain's user; otherwise the request is rejected.</summary>
    private async Task<bool> CheckAsync(UserSession session, ClientPolicy client, string token, HandleTokenRequestContext context)
    {
        var appUrl = session.BubbleAppUrl;
        var answer = cache.FindRejection(appUrl, token) ?? await bubble.WhoAmIAsync(appUrl, token, [], context.CancellationToken);
        switch (answer)
        {
            case BubbleAnswer.User user when user.UserId == session.UserId:
                return true;
            case BubbleAnswer.User user:
                logger.BubbleSessionUserChanged(appUrl, user.UserId, session.AuthorizationId, session.UserId, session.ClientId);
                await EndAsync(session.AuthorizationId, session.ClientId, SessionAudit.Bubble, SessionAudit.UserChanged, $"Bubble named user {user.UserId} for the login of user {session.UserId}", context);
                context.Reject(Errors.InvalidGrant, UserChangedDescription);
                return false;
            case BubbleAnswer.Rejected or BubbleAnswer.NoUser:
                // The exchange must not take the same token back from its cache in the meantime.
                cache.Forget(appUrl, client.BubbleClaims, token);
                cache.RememberRejection(appUrl, token, answer);
                logger.BubbleSessionEnded(session.AuthorizationId, session.ClientId, session.UserId, appUrl);
                await EndAsync(session.AuthorizationId, session.ClientId, SessionAudit.Bubble, SessionAudit.EndedByBubble, $"the Bubble login of user {session.UserId} has ended", context);
                context.Reject(Errors.InvalidGrant, EndedDescription);
                return false;
            case BubbleAnswer.Unavailable unavailable:
                logger.BubbleSessionCheckPostponed(session.AuthorizationId, session.ClientId, appUrl, unavailable.Reason);
                RetryAfter.Set(context.Transaction, unavailable.RetryAfter);
                context.Reject(Errors.TemporarilyUnavailable, "The Bubble app is unavailable; try again later.");
                return false;
            case BubbleAnswer.Misconfigured misconfigured:
                if (!misconfigured.CauseLogged)
                {
                    logger.BubbleMisconfigured(appUrl, misconfigured.StatusCode, bubble.Workflow);
                }

                context.Reject(Errors.ServerError, "The Bubble app's token check is misconfigured.");
                return false;
            default:
                throw new InvalidOperationException($"Unknown Bubble answer {answer.GetType().Name}.");
        }
    }

    private async Task EndAsync(string chainId, string clientId, string actor, string action, string why, HandleTokenRequestContext context)
    {
        await chains.EndAsync(chainId, context.CancellationToken);
        await audit.RecordAsync(actor, action, clientId, $"Session {chainId}: {why}.", context.CancellationToken);
    }
}
