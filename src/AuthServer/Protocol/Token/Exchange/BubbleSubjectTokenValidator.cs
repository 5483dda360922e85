using System.Security.Claims;
using AuthServer.Bubble;
using AuthServer.Clients;
using Microsoft.IdentityModel.Tokens;
using OpenIddict.Abstractions;
using OpenIddict.Server;
using static OpenIddict.Abstractions.OpenIddictConstants;
using static OpenIddict.Server.OpenIddictServerEvents;
using AuthServer.Operations.Logging;
using AuthServer.Operations.Telemetry;
using AuthServer.Protocol.ErrorResponses;
using AuthServer.Protocol.Guards;

namespace AuthServer.Protocol.Token.Exchange;

/// <summary>
/// Validates the subject token of an RFC 8693 exchange whose type is a Bubble user token, by asking
/// the client's own Bubble app who the token belongs to. Runs in place of OpenIddict's JWT validation.
/// Bubble's answers map to the contract: a user signs in, a rejection is <c>invalid_request</c> (RFC 8693 §2.2.2:
/// an invalid subject token MUST be, unlike a refresh token's <c>invalid_grant</c>), a broken workflow
/// <c>server_error</c>, an outage <c>temporarily_unavailable</c> (sent as 503).
/// </summary>
public sealed class BubbleSubjectTokenValidator(
    IOpenIddictApplicationManager applications,
    BubbleUserClient bubble,
    BubbleAnswerCache cache,
    ClientLimiter limiter,
    AuthServerMetrics metrics,
    ILogger<BubbleSubjectTokenValidator> logger) : IOpenIddictServerHandler<ValidateTokenContext>
{
    public static OpenIddictServerHandlerDescriptor Descriptor { get; } =
        OpenIddictServerHandlerDescriptor.CreateBuilder<ValidateTokenContext>()
            .UseScopedHandler<BubbleSubjectTokenValidator>()
            .SetOrder(OpenIddictServerHandlers.Protection.ValidateIdentityModelToken.Descriptor.Order - 500)
            .SetType(OpenIddictServerHandlerType.Custom)
            .Build();

    /// <summary>Whether the token being validated is the subject token of an exchange of a Bubble user token.</summary>
    public static bool IsBubbleSubjectToken(ValidateTokenContext context) =>
        context.ValidTokenTypes.Contains(BubbleTokenTypes.User)
        && context.Transaction.Request?.SubjectTokenType == BubbleTokenTypes.User;

    public async ValueTask HandleAsync(ValidateTokenContext context)
    {
        if (context.Principal is not null || !IsBubbleSubjectToken(context))
        {
            return;
        }

        var clientId = context.Transaction.Request?.ClientId ?? "";
        var client = await ClientPolicy.FindAsync(applications, context.Transaction, clientId, context.CancellationToken);
        if (client?.BubbleAppUrl is not { } appUrl)
        {
            context.Reject(Errors.UnauthorizedClient, "This client is not bound to a Bubble app.");
            return;
        }

        if (!LooksLikeAToken(context.Token))
        {
            context.Reject(Errors.InvalidRequest, "The subject token is not a Bubble token.");
            return;
        }

        switch (await AskAsync(appUrl, client.BubbleClaims, context.Token, context.CancellationToken))
        {
            case BubbleAnswer.User user:
                context.Principal = CreatePrincipal(user, client);
                break;
            case BubbleAnswer.NoUser:
                limiter.RecordRejectedSubjectToken(clientId);
                logger.BubbleTokenHasNoUser(appUrl, clientId);
                context.Reject(Errors.InvalidRequest, "The Bubble token belongs to no user.");
                break;
            case BubbleAnswer.Rejected rejected:
                limiter.RecordRejectedSubjectToken(clientId);
                logger.BubbleRejectedToken(appUrl, clientId, rejected.StatusCode);
                context.Reject(Errors.InvalidRequest, "The Bubble token is invalid, expired or logged out.");
                break;
            case BubbleAnswer.Misconfigured misconfigured:
                // One line per fault, the one that says its cause: "answered N; check that the workflow exists"
                // after a private address or a user id of another shape would send the reader to the wrong place.
                if (!misconfigured.CauseLogged)
                {
                    logger.BubbleMisconfigured(appUrl, misconfigured.StatusCode, bubble.Workflow);
                }

                context.Reject(Errors.ServerError, "The Bubble app's token check is misconfigured.");
                break;
            case BubbleAnswer.Unavailable unavailable:
                logger.BubbleUnavailable(appUrl, clientId, unavailable.Reason);
                RetryAfter.Set(context.Transaction, unavailable.RetryAfter);
                context.Reject(Errors.TemporarilyUnavailable, "The Bubble app is unavailable; try again later.");
                break;
        }
    }

    /// <summary>
    /// A cached answer, or Bubble's own. A yes is reused only for <c>Bubble:CacheLifetime</c> after Bubble gave
    /// it, so a logged-out token is accepted at most that long, however often it is tried; a no is reused for
    /// <c>Bubble:RejectedCacheLifetime</c>, so replaying a dead token does not reach Bubble again.
    /// </summary>
    private async Task<BubbleAnswer> AskAsync(string appUrl, IReadOnlyCollection<string> claimNames, string token,
        CancellationToken cancellationToken)
    {
        if (cache.Find(appUrl, claimNames, token) is { } cached)
        {
            metrics.BubbleCacheHit();
            return cached;
        }

        if (cache.FindRejection(appUrl, token) is { } rejected)
        {
            return rejected;
        }

        var answer = await bubble.WhoAmIAsync(appUrl, token, claimNames, cancellationToken);
        if (answer is BubbleAnswer.User user)
        {
            cache.Remember(appUrl, claimNames, token, user);
        }
        else
        {
            cache.RememberRejection(appUrl, token, answer);
        }

        return answer;
    }

    private static ClaimsPrincipal CreatePrincipal(BubbleAnswer.User user, ClientPolicy client)
    {
        var identity = new ClaimsIdentity(TokenValidationParameters.DefaultAuthenticationType, Claims.Name, Claims.Role);
        identity.AddClaims(BubbleClaimMapper.ToClaims(user));

        var principal = new ClaimsPrincipal(identity);
        principal.SetTokenType(BubbleTokenTypes.User);
        principal.SetPresenters(client.ClientId);
        return principal;
    }

    /// <summary>Bubble tokens are printable ASCII; anything else cannot be sent as a bearer header.</summary>
    internal static bool LooksLikeAToken(string token) =>
        token.Length > 0 && token.All(c => c is > ' ' and <= '~');
}
