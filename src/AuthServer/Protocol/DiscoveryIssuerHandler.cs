using OpenIddict.Server;
using static OpenIddict.Abstractions.OpenIddictConstants;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace AuthServer.Protocol;

/// <summary>Makes the discovery document's <c>issuer</c> equal the tokens' <c>iss</c> to the character.</summary>
public sealed class DiscoveryIssuerHandler : IOpenIddictServerHandler<ApplyConfigurationResponseContext>
{
    public static OpenIddictServerHandlerDescriptor Descriptor { get; } =
        OpenIddictServerHandlerDescriptor.CreateBuilder<ApplyConfigurationResponseContext>()
            .UseSingletonHandler<DiscoveryIssuerHandler>()
            .SetOrder(int.MinValue + 50_000)
            .SetType(OpenIddictServerHandlerType.Custom)
            .Build();

    public ValueTask HandleAsync(ApplyConfigurationResponseContext context)
    {
        if ((string?)context.Response[Metadata.Issuer] is { } issuer)
        {
            context.Response[Metadata.Issuer] = IssuerFormat.Canonical(issuer);
        }

        return default;
    }
}
