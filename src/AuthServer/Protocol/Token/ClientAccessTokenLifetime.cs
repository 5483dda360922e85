using AuthServer.Clients;
using AuthServer.Options;
using Microsoft.Extensions.Options;
using OpenIddict.Abstractions;
using OpenIddict.Server;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace AuthServer.Protocol.Token;

/// <summary>
/// <c>Clients:N:AccessTokenLifetime</c>: a client's own access token lifetime, for every grant it uses
/// (client_credentials, exchange and refresh). Set on the principal before OpenIddict prepares the token, which
/// prefers a lifetime found there over its global one; an exchange's token is OpenIddict's "issued token", so both
/// lifetimes are set. A refresh principal carries the lifetime its chain was issued with: it is replaced by the
/// client's current one, or removed when the client has none any more, so a change applies at the next refresh.
/// Configuration and the CLI refuse a lifetime above <c>Auth:AccessTokenLifetime</c>; one stored before that
/// maximum was lowered is cut to it here.
/// </summary>
public sealed class ClientAccessTokenLifetime(IOpenIddictApplicationManager applications, IOptions<AuthOptions> auth)
    : IOpenIddictServerHandler<ProcessSignInContext>
{
    public static OpenIddictServerHandlerDescriptor Descriptor { get; } =
        OpenIddictServerHandlerDescriptor.CreateBuilder<ProcessSignInContext>()
            .UseScopedHandler<ClientAccessTokenLifetime>()
            // At an order of its own, between SessionRecorder and PrepareAccessTokenPrincipal.
            .SetOrder(OpenIddictServerHandlers.PrepareAccessTokenPrincipal.Descriptor.Order - 250)
            .AddFilter<OpenIddictServerHandlerFilters.RequireTokenRequest>()
            .SetType(OpenIddictServerHandlerType.Custom)
            .Build();

    public async ValueTask HandleAsync(ProcessSignInContext context)
    {
        if (context.Principal is not { } principal || string.IsNullOrEmpty(context.ClientId))
        {
            return;
        }

        // The policy the request's earlier handlers read: kept in the transaction, so this costs no store read.
        var client = await ClientPolicy.FindAsync(applications, context.Transaction, context.ClientId, context.CancellationToken);
        var lifetime = Of(client, auth.Value);
        principal.SetAccessTokenLifetime(lifetime);
        principal.SetIssuedTokenLifetime(lifetime);
    }

    /// <summary>The client's lifetime, cut to the server's; null when the client has none (the server's applies).</summary>
    public static TimeSpan? Of(ClientPolicy? client, AuthOptions auth) =>
        client?.AccessTokenLifetime is { } own ? (own < auth.AccessTokenLifetime ? own : auth.AccessTokenLifetime) : null;
}
