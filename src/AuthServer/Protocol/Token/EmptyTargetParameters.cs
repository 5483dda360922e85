using System.Collections.Immutable;
using Microsoft.Extensions.Primitives;
using OpenIddict.Server;
using OpenIddict.Server.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace AuthServer.Protocol.Token;

/// <summary>
/// RFC 6749 §3.2: "Parameters sent without a value MUST be treated as if they were omitted." An empty
/// <c>audience</c> or <c>resource</c> (RFC 8693 §2.1, RFC 8707) is taken out of the token request as soon
/// as OpenIddict has read the form, so no grant sees it: it neither narrows <c>aud</c> nor is refused.
/// The values beside it, if any, are kept in their order.
/// </summary>
public sealed class EmptyTargetParameters : IOpenIddictServerHandler<ExtractTokenRequestContext>
{
    public static OpenIddictServerHandlerDescriptor Descriptor { get; } =
        OpenIddictServerHandlerDescriptor.CreateBuilder<ExtractTokenRequestContext>()
            .UseSingletonHandler<EmptyTargetParameters>()
            .SetOrder(OpenIddictServerAspNetCoreHandlers.ExtractPostRequest<ExtractTokenRequestContext>.Descriptor.Order + 600)
            .SetType(OpenIddictServerHandlerType.Custom)
            .Build();

    public ValueTask HandleAsync(ExtractTokenRequestContext context)
    {
        if (context.Request is { } request)
        {
            DropEmptyValues(request, Parameters.Audience);
            DropEmptyValues(request, Parameters.Resource);
        }

        return default;
    }

    private static void DropEmptyValues(OpenIddict.Abstractions.OpenIddictRequest request, string name)
    {
        if (request.GetParameter(name) is not { } parameter)
        {
            return;
        }

        var values = (StringValues)parameter;
        if (!values.Any(string.IsNullOrEmpty))
        {
            return;
        }

        ImmutableArray<string?> kept = [.. values.Where(value => !string.IsNullOrEmpty(value))];
        request.RemoveParameter(name);
        if (kept.Length == 1)
        {
            request.SetParameter(name, kept[0]); // a single value stays a string, as OpenIddict reads one from a form
        }
        else if (kept.Length > 1)
        {
            request.SetParameter(name, kept);
        }
    }
}
