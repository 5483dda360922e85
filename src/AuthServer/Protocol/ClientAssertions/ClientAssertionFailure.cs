using AuthServer.Clients;
using AuthServer.Operations.Logging;
using AuthServer.Protocol.ErrorResponses;
using OpenIddict.Server;
using static OpenIddict.Abstractions.OpenIddictConstants;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace AuthServer.Protocol.ClientAssertions;

/// <summary>
/// RFC 7523 §3.2: a refused assertion is <c>invalid_client</c>. OpenIddict words each of its refusals differently (a key
/// not found, a bad signature, an expired assertion, a claim missing) and answers some <c>invalid_request</c> or
/// <c>invalid_grant</c>; every refusal of a request whose assertion was not accepted becomes the one answer a wrong
/// secret gets, so nothing tells which part failed, and is logged (event 1033) with the claimed client id only.
/// Rate limits (429) and store outages keep their own answers.
/// </summary>
public sealed class ClientAssertionFailure<TContext>(ILogger<ClientAssertionFailure<TContext>> logger) : IOpenIddictServerHandler<TContext>
    where TContext : BaseRequestContext
{
    private static readonly HashSet<string> Refusals = new(StringComparer.Ordinal)
    {
        Errors.InvalidClient, Errors.InvalidRequest, Errors.InvalidGrant, Errors.InvalidToken, Errors.UnauthorizedClient,
    };

    // Before ClientAuthenticationFailure (int.MinValue + 20_000), the lockout's recorder, the status and WWW-Authenticate.
    public static OpenIddictServerHandlerDescriptor Descriptor { get; } =
        OpenIddictServerHandlerDescriptor.CreateBuilder<TContext>()
            .UseSingletonHandler<ClientAssertionFailure<TContext>>()
            .SetOrder(int.MinValue + 19_500)
            .SetType(OpenIddictServerHandlerType.Custom)
            .Build();

    public ValueTask HandleAsync(TContext context)
    {
        if (context.Transaction.Response is not { Error: { } error } response || !Refusals.Contains(error)
            || !ClientAssertionRules.IsUnaccepted(context.Transaction))
        {
            return default;
        }

        // Our own refusals (claims, replay) were logged with their reason already and carry the one description.
        if (response.ErrorDescription != ClientAuthenticationFailure.FailedDescription || response.ErrorUri is not null)
        {
            // OpenIddict's error id (ID2090: no registered key matched, ID2091: bad signature, ...) says what failed.
            var reason = response.ErrorUri is { } uri ? error + " " + uri[(uri.LastIndexOf('/') + 1)..] : error;
            logger.ClientAssertionInvalid(ClientAssertionLogging.Named(context.Transaction.Request?.ClientId), reason);
        }

        response.Error = Errors.InvalidClient;
        response.ErrorDescription = ClientAuthenticationFailure.FailedDescription;
        response.ErrorUri = null;
        return default;
    }
}

internal static class ClientAssertionLogging
{
    /// <summary>A claimed client id as logged: one that no client can have is not written out.</summary>
    public static string Named(string? clientId) =>
        clientId is { Length: > 0 } id && ClientRules.CanNameAClient(id) ? id : "(none)";
}
