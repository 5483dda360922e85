using OpenIddict.Server;
using static OpenIddict.Abstractions.OpenIddictConstants;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace AuthServer.Protocol.ErrorResponses;

public static class ClientAuthenticationFailure
{
    /// <summary>The one description of a failed client authentication, whatever failed: the id, or the secret.</summary>
    public const string FailedDescription = "Client authentication failed.";
}

/// <summary>
/// RFC 6749 §5.2: missing, malformed or failed client authentication is <c>invalid_client</c>, and
/// with HTTP Basic it is 401 with a Basic challenge. OpenIddict answers a token request without any
/// client id (its ID2029), a client_credentials request without a secret (ID2057) and a malformed
/// Basic header (ID2055) with 400 <c>invalid_request</c>;
/// all three become <c>invalid_client</c>, so OpenIddict's own status and <c>WWW-Authenticate</c>
/// handlers (with the configured realm) answer all three endpoints alike. OpenIddict's failed
/// authentications (an unknown client id, a wrong secret, a confidential client without its secret)
/// get one and the same description, so the answers never tell which client ids exist.
/// </summary>
public sealed class ClientAuthenticationFailure<TContext> : IOpenIddictServerHandler<TContext> where TContext : BaseRequestContext
{
    // OpenIddict's stable error ids, the last segment of its error_uri.
    private const string MissingParameter = "/ID2029";
    private const string MalformedBasicCredentials = "/ID2055";
    private const string MissingClientSecret = "/ID2057";

    // OpenIddict's failed authentications, each worded for what it found: an unknown client id (ID2052), a
    // wrong secret (ID2055), a confidential client without its secret (ID2054, ID2198), a public client
    // with one (ID2053), a method the client may not use (ID2174). Each tells that the client exists, or not.
    private static readonly string[] TellsWhichClientsExist = ["/ID2052", "/ID2053", "/ID2054", "/ID2055", "/ID2174", "/ID2198"];

    // Before the failed-authentication recorder, the status code and the WWW-Authenticate handlers.
    public static OpenIddictServerHandlerDescriptor Descriptor { get; } =
        OpenIddictServerHandlerDescriptor.CreateBuilder<TContext>()
            .UseSingletonHandler<ClientAuthenticationFailure<TContext>>()
            .SetOrder(int.MinValue + 20_000)
            .SetType(OpenIddictServerHandlerType.Custom)
            .Build();

    public ValueTask HandleAsync(TContext context)
    {
        if (context.Transaction.Response is { Error: Errors.InvalidClient, ErrorUri: { } failedUri } failed
            && TellsWhichClientsExist.Any(id => failedUri.EndsWith(id, StringComparison.Ordinal)))
        {
            Refuse(failed, ClientAuthenticationFailure.FailedDescription);
            return default;
        }

        if (context.Transaction.Response is not { Error: Errors.InvalidRequest, ErrorUri: { } uri } response)
        {
            return default;
        }

        if (uri.EndsWith(MalformedBasicCredentials, StringComparison.Ordinal))
        {
            Refuse(response, "The Authorization header is not valid HTTP Basic client authentication.");
        }
        else if (uri.EndsWith(MissingClientSecret, StringComparison.Ordinal)
            || (uri.EndsWith(MissingParameter, StringComparison.Ordinal) && string.IsNullOrEmpty(context.Transaction.Request?.ClientId)))
        {
            Refuse(response, "Client authentication is required: send client_id and client_secret with HTTP Basic or in the form.");
        }

        return default;
    }

    private static void Refuse(OpenIddict.Abstractions.OpenIddictResponse response, string description)
    {
        response.Error = Errors.InvalidClient;
        response.ErrorDescription = description;
        response.ErrorUri = null;
    }
}
