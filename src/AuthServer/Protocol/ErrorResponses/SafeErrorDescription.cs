using OpenIddict.Server;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace AuthServer.Protocol.ErrorResponses;

/// <summary>
/// Last line of defence for RFC 6749 §5.2: <c>error_description</c> may hold only %x20-21 / %x23-5B /
/// %x5D-7E (printable ASCII without <c>"</c> and <c>\</c>). Our own descriptions never quote input,
/// but a handler that does, now or later, must not put a quote, backslash or control character into
/// the JSON or the <c>WWW-Authenticate</c> header; any such character becomes <c>?</c>.
/// </summary>
public sealed class SafeErrorDescription<TContext> : IOpenIddictServerHandler<TContext> where TContext : BaseRequestContext
{
    // Before everything else that reads the response: the rate-limit recorder, the status code and
    // WWW-Authenticate handlers, and the JSON writer.
    public static OpenIddictServerHandlerDescriptor Descriptor { get; } =
        OpenIddictServerHandlerDescriptor.CreateBuilder<TContext>()
            .UseSingletonHandler<SafeErrorDescription<TContext>>()
            .SetOrder(int.MinValue + 10_000)
            .SetType(OpenIddictServerHandlerType.Custom)
            .Build();

    public ValueTask HandleAsync(TContext context)
    {
        if (context.Transaction.Response is { ErrorDescription: { } description } response)
        {
            response.ErrorDescription = SafeErrorDescription.Sanitize(description);
        }

        return default;
    }
}

/// <summary>Replaces every character RFC 6749 §5.2 forbids in <c>error_description</c> with <c>?</c>.</summary>
public static class SafeErrorDescription
{
    public static string Sanitize(string description) =>
        string.Create(description.Length, description, static (span, text) =>
        {
            for (var i = 0; i < text.Length; i++)
            {
                var c = text[i];
                span[i] = c is >= '\x20' and <= '\x7e' and not '"' and not '\\' ? c : '?';
            }
        });
}
