using System.Collections.Immutable;
using AuthServer.Bubble;
using AuthServer.Clients;
using OpenIddict.Abstractions;
using AuthServer.Operations.Logging;
using AuthServer.Protocol.Token.Exchange;

namespace AuthServer.Administration.Bubble;

/// <summary>
/// "Test whoami": asks the Bubble app of a client who a pasted user token belongs to, through the same client,
/// timeouts and circuit breaker as the token endpoint, and says what an exchange would do with the answer.
/// The answer cache is neither read nor filled, so the test shows what Bubble says now; the call counts among
/// Bubble's answers in the metrics and the activity window, as any whoami call does. The token is sent to the
/// client's own Bubble app only, and is never stored, logged or returned.
/// </summary>
public sealed class WhoamiProbe(IOpenIddictApplicationManager applications, BubbleUserClient bubble, ILogger<WhoamiProbe> logger)
{
    /// <summary>Bubble tokens are under 100 characters; far longer is a paste gone wrong, not worth a call.</summary>
    public const int MaxTokenLength = 4096;

    public async Task<WhoamiProbeResult> TestAsync(string clientId, string userToken, CancellationToken cancellationToken)
    {
        if (!ClientRules.CanNameAClient(clientId)
            || await applications.FindByClientIdAsync(clientId, cancellationToken) is not { } application)
        {
            return WhoamiProbeResult.Without(WhoamiOutcome.UnknownClient, "No client has this id.");
        }

        var client = await ClientPolicy.FromApplicationAsync(applications, application, cancellationToken);
        if (client.BubbleAppUrl is not { } appUrl)
        {
            return WhoamiProbeResult.Without(WhoamiOutcome.NoBubbleApp,
                $"Client {client.ClientId} is bound to no Bubble app, so it cannot exchange Bubble tokens: "
                + "give it a Bubble app URL and the token_exchange grant first.");
        }

        var whoamiUrl = $"{appUrl}/api/1.1/wf/{bubble.Workflow}";
        var token = userToken.Trim();
        if (token.Length > MaxTokenLength || !BubbleSubjectTokenValidator.LooksLikeAToken(token))
        {
            return WhoamiProbeResult.Without(WhoamiOutcome.NotAToken,
                "Paste a Bubble user token (printable characters without spaces, such as bus|…|…); nothing was sent to Bubble.",
                whoamiUrl);
        }

        var dropped = new List<BubbleClaimDrop>();
        var answer = await bubble.WhoAmIAsync(appUrl, token, client.BubbleClaims, cancellationToken, dropped);
        var outcome = answer switch
        {
            BubbleAnswer.User => WhoamiOutcome.User,
            BubbleAnswer.Rejected or BubbleAnswer.NoUser => WhoamiOutcome.Rejected,
            BubbleAnswer.Misconfigured => WhoamiOutcome.Misconfigured,
            _ => WhoamiOutcome.Unavailable,
        };
        logger.WhoamiTested(client.ClientId, appUrl, outcome.ToString());

        var explanation = WhoamiExplanations.For(answer, appUrl, bubble.Workflow);
        return answer is BubbleAnswer.User user
            ? new WhoamiProbeResult(outcome, explanation, whoamiUrl,
                [.. BubbleClaimMapper.ToClaims(user).Select(c => new ProbedClaim(c.Type, c.Value, c.ValueType))],
                Warnings(user, client.BubbleClaims, dropped, bubble.Workflow))
            : WhoamiProbeResult.Without(outcome, explanation, whoamiUrl);
    }

    /// <summary>Why the token would lack an email or a Bubble claim the client asks for.</summary>
    private static ImmutableArray<string> Warnings(BubbleAnswer.User user, ImmutableArray<string> claimNames,
        IReadOnlyCollection<BubbleClaimDrop> dropped, string workflow)
    {
        var warnings = ImmutableArray.CreateBuilder<string>();
        if (user.Email is null)
        {
            warnings.Add($"email is left out: Bubble's answer has none. Add email = Current User's email to {workflow}'s "
                + "\"Return data from API\".");
        }

        foreach (var name in claimNames.Distinct(StringComparer.Ordinal).Where(n => user.Fields.All(f => f.Name != n)))
        {
            warnings.Add(dropped.FirstOrDefault(d => d.Field == name) is { } drop
                ? $"{name} is left out: {drop.Reason}. Return it from {workflow} as a text, number or yes/no."
                : $"{name} is left out: Bubble's answer has no such field, or it is empty for this user. Add {name} to "
                    + $"{workflow}'s \"Return data from API\", or remove it from the client's Bubble claims.");
        }

        return warnings.ToImmutable();
    }
}
