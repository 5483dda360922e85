using OpenIddict.Server;
using Microsoft.AspNetCore;
using OpenIddict.Server.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace AuthServer.Protocol.Guards;

/// <summary>
/// RFC 6749 §2.3: a request authenticates one client. With HTTP Basic for one client and a <c>client_id</c>
/// of another in the form, OpenIddict keeps the Basic one and ignores the form's; such a request is refused
/// with <c>invalid_request</c> instead, so no client is served what it asked for under another's name. The
/// same id in both places is allowed (RFC 6749 §2.3.1 neither requires nor forbids it); an empty one is omitted.
/// </summary>
public sealed class BasicClientIdMismatch<TContext> : IOpenIddictServerHandler<TContext> where TContext : BaseValidatingContext
{
    // Right after OpenIddict has put the Basic header's id in the request, in place of the form's.
    public static OpenIddictServerHandlerDescriptor Descriptor { get; } =
        OpenIddictServerHandlerDescriptor.CreateBuilder<TContext>()
            .UseSingletonHandler<BasicClientIdMismatch<TContext>>()
            .SetOrder(OpenIddictServerAspNetCoreHandlers.ExtractBasicAuthenticationCredentials<TContext>.Descriptor.Order + 500)
            .SetType(OpenIddictServerHandlerType.Custom)
            .Build();

    public ValueTask HandleAsync(TContext context)
    {
        // The form guard has read the form already: Form returns it without reading the body again.
        if (context.Transaction.GetHttpRequest() is { HasFormContentType: true } http
            && http.Headers.Authorization.ToString().StartsWith("Basic ", StringComparison.OrdinalIgnoreCase)
            && http.Form[Parameters.ClientId].ToString() is { Length: > 0 } formClientId
            && !string.Equals(formClientId, context.Transaction.Request?.ClientId, StringComparison.Ordinal))
        {
            context.Reject(Errors.InvalidRequest,
                "The client_id in the form differs from the client of the Authorization header; authenticate one client.");
        }

        return default;
    }
}
