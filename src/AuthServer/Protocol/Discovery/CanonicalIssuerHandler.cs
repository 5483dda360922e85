using OpenIddict.Server;
using static OpenIddict.Abstractions.OpenIddictConstants;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace AuthServer.Protocol.Discovery;

/// <summary>
/// Makes the <c>issuer</c> of discovery and the <c>iss</c> of introspection equal the tokens'
/// <c>iss</c> to the character (see <see cref="IssuerFormat"/>).
/// </summary>
public sealed class CanonicalIssuerHandler<TContext> : IOpenIddictServerHandler<TContext> where TContext : BaseRequestContext
{
    // Before OpenIddict's response handlers (int.MinValue + 100 000); after the failed-authentication recorder
    // (int.MinValue + 50 000), which it used to share an order with, so that OpenIddict's unstable sort no longer
    // decides their sequence (the two are independent: one reads the error, the other rewrites the issuer).
    public static OpenIddictServerHandlerDescriptor Descriptor { get; } =
        OpenIddictServerHandlerDescriptor.CreateBuilder<TContext>()
            .UseSingletonHandler<CanonicalIssuerHandler<TContext>>()
            .SetOrder(int.MinValue + 60_000)
            .SetType(OpenIddictServerHandlerType.Custom)
            .Build();

    public ValueTask HandleAsync(TContext context)
    {
        if (context.Transaction.Response is { } response)
        {
            foreach (var name in new[] { Metadata.Issuer, Claims.Issuer })
            {
                if ((string?)response[name] is { } issuer)
                {
                    response[name] = IssuerFormat.Canonical(issuer);
                }
            }
        }

        return default;
    }
}
