using System.Collections.Immutable;
using OpenIddict.Server;

namespace AuthServer.Engine;

/// <summary>
/// The engine's handler list: each entry takes the place of one of OpenIddict's handlers, at its order and with
/// its filters, and does the same work more cheaply. Switched off, OpenIddict's own handler stays.
/// </summary>
public static class EngineHandlers
{
    public static ImmutableArray<HandlerReplacement> Replacements { get; } =
    [
        new(OpenIddictServerHandlers.Protection.ValidateReferenceTokenIdentifier.Descriptor, BubbleAwareReferenceTokenLookup.Descriptor),
        new(OpenIddictServerHandlers.RedeemTokenEntry.Descriptor, OtherTokenRedemption.Descriptor),
    ];

    /// <summary>
    /// Removes each stock handler before adding its replacement. <c>RemoveEventHandler</c> removes every handler
    /// of the stock one's type, which is why each replacement is a type of its own.
    /// </summary>
    public static void Apply(OpenIddictServerBuilder server)
    {
        foreach (var replacement in Replacements)
        {
            server.RemoveEventHandler(replacement.Stock).AddEventHandler(replacement.Ours);
        }
    }
}

/// <summary>One of OpenIddict's handlers and the engine's in its place.</summary>
public sealed record HandlerReplacement(OpenIddictServerHandlerDescriptor Stock, OpenIddictServerHandlerDescriptor Ours);
