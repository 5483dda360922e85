using AuthServer.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using OpenIddict.Server;
using AuthServer.Engine;

namespace AuthServer.Tests.Engine;

/// <summary>The engine's reference-token lookup takes OpenIddict's place (moved here from RemovedClientChainTests).</summary>
public sealed class BubbleAwareReferenceTokenLookupTests : ServerTest
{
    [Fact]
    public void OpenIddicts_reference_token_lookup_still_runs_for_every_token_but_bubble_ones()
    {
        var handlers = Server.Services.GetRequiredService<IOptionsMonitor<OpenIddictServerOptions>>().CurrentValue.Handlers;

        Assert.Contains(handlers, h => h.ServiceDescriptor.ServiceType == typeof(BubbleAwareReferenceTokenLookup));
        Assert.DoesNotContain(handlers, h => h.ServiceDescriptor.ServiceType == typeof(OpenIddictServerHandlers.Protection.ValidateReferenceTokenIdentifier));
    }
}
