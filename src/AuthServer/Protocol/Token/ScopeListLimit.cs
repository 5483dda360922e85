using OpenIddict.Server;
using OpenIddict.Server.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;
using static OpenIddict.Server.OpenIddictServerEvents;
using AuthServer.Operations.Logging;

namespace AuthServer.Protocol.Token;

/// <summary>
/// Caps the token request's scope list, so a refused request costs little whatever it names. OpenIddict's
/// scope handling grows with the square of the list (each name is checked against those before it) and
/// looks every name up in the store; 9,000 names cost about a second of CPU. Yet the answer to a client
/// that is not authenticated must be <c>invalid_client</c> (which the lockout counts), not a scope error.
/// So the list is measured as soon as OpenIddict has read the form: one over the cap is taken out of the
/// request, and refused with <c>invalid_scope</c> (RFC 6749 §5.2: "malformed") right after the client is
/// authenticated, before any scope is looked up. The cap counts distinct names, as OpenIddict does.
/// </summary>
public sealed class ScopeListLimit(ILogger<ScopeListLimit> logger)
    : IOpenIddictServerHandler<ExtractTokenRequestContext>, IOpenIddictServerHandler<ProcessAuthenticationContext>
{
    /// <summary>Distinct scope names one request may ask for: far more than any client is given.</summary>
    public const int MaxScopeValues = 50;

    /// <summary>Characters of one scope name.</summary>
    public const int MaxScopeLength = 200;

    private const string OverLimit = "authserver:scope_list_over_limit";

    /// <summary>Right after OpenIddict has turned the form into its request, before any handler reads the scope.</summary>
    public static OpenIddictServerHandlerDescriptor Descriptor { get; } =
        OpenIddictServerHandlerDescriptor.CreateBuilder<ExtractTokenRequestContext>()
            .UseSingletonHandler<ScopeListLimit>()
            .SetOrder(OpenIddictServerAspNetCoreHandlers.ExtractPostRequest<ExtractTokenRequestContext>.Descriptor.Order + 500)
            .SetType(OpenIddictServerHandlerType.Custom)
            .Build();

    /// <summary>Once the client is authenticated (an unknown one is already refused), before the permission gate reads the scopes.</summary>
    public static OpenIddictServerHandlerDescriptor RefusalDescriptor { get; } =
        OpenIddictServerHandlerDescriptor.CreateBuilder<ProcessAuthenticationContext>()
            .UseSingletonHandler<ScopeListLimit>()
            .SetOrder(OpenIddictServerHandlers.ValidateClientSecret.Descriptor.Order + 250)
            .AddFilter<OpenIddictServerHandlerFilters.RequireTokenRequest>()
            .SetType(OpenIddictServerHandlerType.Custom)
            .Build();

    public ValueTask HandleAsync(ExtractTokenRequestContext context)
    {
        if (context.Request is { Scope: { Length: > 0 } scope } request && !IsWithinLimits(scope))
        {
            request.Scope = null;
            context.Transaction.Properties[OverLimit] = true;
        }

        return default;
    }

    public ValueTask HandleAsync(ProcessAuthenticationContext context)
    {
        if (context.Transaction.Properties.ContainsKey(OverLimit))
        {
            logger.MalformedRequest("/connect/token", "scope list over its limits");
            context.Reject(Errors.InvalidScope,
                $"The scope parameter may name at most {MaxScopeValues} scopes of at most {MaxScopeLength} characters each.");
        }

        return default;
    }

    /// <summary>Whether a space-separated scope list is within the caps; linear in its length.</summary>
    public static bool IsWithinLimits(string scope)
    {
        var distinct = new HashSet<string>(StringComparer.Ordinal).GetAlternateLookup<ReadOnlySpan<char>>();
        var span = scope.AsSpan();
        foreach (var range in span.Split(' '))
        {
            var name = span[range];
            if (name.Length > MaxScopeLength)
            {
                return false;
            }

            if (name.Length > 0 && distinct.Add(name) && distinct.Set.Count > MaxScopeValues)
            {
                return false;
            }
        }

        return true;
    }
}
