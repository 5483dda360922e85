using AuthServer.Options;
using OpenIddict.Abstractions;
using OpenIddict.Server;
using OpenIddict.Server.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace AuthServer.Operations.Telemetry;

/// <summary>
/// Counts every answer of the token endpoint that OpenIddict writes: issued tokens by grant and client,
/// errors by code and client. An error names its client only if that client exists, so made-up ids sent
/// by anyone cannot grow the number of series; the others share <see cref="UnknownClient"/>.
/// </summary>
public sealed class TokenEndpointMetrics(AuthServerMetrics metrics, IOpenIddictApplicationManager applications)
    : IOpenIddictServerHandler<ApplyTokenResponseContext>
{
    public const string UnknownClient = "unknown";

    // Just before OpenIddict writes the response: after every handler that rewrites the error (ours, and
    // OpenIddict's own, which turns invalid_token into invalid_grant).
    public static OpenIddictServerHandlerDescriptor Descriptor { get; } =
        OpenIddictServerHandlerDescriptor.CreateBuilder<ApplyTokenResponseContext>()
            .UseScopedHandler<TokenEndpointMetrics>()
            .SetOrder(OpenIddictServerAspNetCoreHandlers.ProcessJsonResponse<ApplyTokenResponseContext>.Descriptor.Order - 1_000)
            .SetType(OpenIddictServerHandlerType.Custom)
            .Build();

    public async ValueTask HandleAsync(ApplyTokenResponseContext context)
    {
        var clientId = context.Transaction.Request?.ClientId;
        if (context.Response.Error is { Length: > 0 } error)
        {
            metrics.TokenError(error, await IsKnownAsync(clientId, context.CancellationToken) ? clientId! : UnknownClient);
        }
        else if (context.Response.AccessToken is not null && context.Transaction.Request?.GrantType is { } grantType)
        {
            metrics.TokenIssued(GrantName(grantType), clientId ?? UnknownClient);
        }
    }

    /// <summary>
    /// Whether a client has this id, so made-up ids cannot create series. An id no client can have is not looked
    /// up (PostgreSQL refuses a NUL), and a store that fails here costs the label, never the answer.
    /// </summary>
    private async ValueTask<bool> IsKnownAsync(string? clientId, CancellationToken cancellationToken)
    {
        if (clientId is not { Length: > 0 } || !Clients.ClientRules.CanNameAClient(clientId))
        {
            return false;
        }

        try
        {
            return await applications.FindByClientIdAsync(clientId, cancellationToken) is not null;
        }
        catch (Exception ex) when (Protocol.ErrorResponses.StoreOutageResponses.IsStoreFailure(ex) || ex is OperationCanceledException)
        {
            return false;
        }
    }

    /// <summary>The grant names of configuration, shorter than the protocol's URNs.</summary>
    private static string GrantName(string grantType) => grantType switch
    {
        GrantTypes.TokenExchange => GrantNames.TokenExchange,
        GrantTypes.RefreshToken => GrantNames.RefreshToken,
        GrantTypes.ClientCredentials => GrantNames.ClientCredentials,
        _ => "other",
    };
}
