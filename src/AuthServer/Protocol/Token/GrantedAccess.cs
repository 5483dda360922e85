using Microsoft.Extensions.Primitives;
using OpenIddict.Abstractions;
using OpenIddict.Server;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace AuthServer.Protocol.Token;

/// <summary>
/// What one token request is granted: its scopes and the audiences (<c>aud</c>) those scopes give,
/// narrowed to the request's <c>audience</c> and <c>resource</c> values when it names any (RFC 8693
/// §2.1, RFC 8707). Every access token has an audience (RFC 9068), so a grant without one is refused.
/// A narrowed audience narrows the scopes too: a scope stays only if one of its resources is kept (or if it
/// belongs to no API, as <c>offline_access</c>), so a token for one API never carries another API's scopes.
/// Resources are named freely in configuration (a logical name or an absolute URI); <c>resource</c> takes only
/// absolute URIs (RFC 8707 §2), <c>audience</c> any name.
/// </summary>
public sealed record GrantedAccess(IReadOnlyList<string> Scopes, IReadOnlyList<string> Audiences)
{
    private const string TransactionProperty = "authserver:granted_access";

    public static GrantedAccess? Get(OpenIddictServerTransaction transaction) => transaction.GetProperty<GrantedAccess>(TransactionProperty);

    public void Attach(OpenIddictServerTransaction transaction) => transaction.SetProperty(TransactionProperty, this);

    /// <summary>
    /// The audiences and resources the request names, in the order given; empty when it names none.
    /// An empty value names no resource at all, so it is kept, to be refused as an unknown target.
    /// </summary>
    public static IReadOnlyList<string> RequestedTargets(OpenIddictRequest request) =>
        [.. Values(request, Parameters.Audience).Concat(Values(request, Parameters.Resource)).Distinct(StringComparer.Ordinal)];

    /// <summary>
    /// RFC 8707 §2: a <c>resource</c> "MUST be an absolute URI" and "MUST NOT include a fragment component"; a logical
    /// name such as <c>sample-api</c> is sent as <c>audience</c>. A request naming any other resource is
    /// <c>invalid_target</c>. An empty value is left to <see cref="RequestedTargets"/>.
    /// </summary>
    public static bool HasMalformedResource(OpenIddictRequest request) =>
        Values(request, Parameters.Resource).Any(value => value.Length > 0 && !IsAbsoluteUriWithoutFragment(value));

    // On Unix, Uri takes "/path" for an absolute file URI: the value itself must begin with its scheme.
    private static bool IsAbsoluteUriWithoutFragment(string value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri)
        && value.StartsWith(uri.Scheme + ":", StringComparison.OrdinalIgnoreCase)
        && !value.Contains('#');

    public const string MalformedResourceDescription = "A resource must be an absolute URI without a fragment; name an API otherwise with audience.";

    private static IEnumerable<string> Values(OpenIddictRequest request, string name) =>
        request.GetParameter(name) is { } parameter ? ((StringValues)parameter).Select(value => value ?? "") : [];

    /// <summary>
    /// Resolves the audiences of <paramref name="scopes"/>, narrowed to <paramref name="targets"/>.
    /// Returns the error (code and a fixed description) when a target is not among them, or when none is left.
    /// </summary>
    public static async Task<(GrantedAccess? Access, string? Error, string? Description)> ResolveAsync(
        IOpenIddictScopeManager scopeManager, ScopeResourceCache cache, IEnumerable<string> scopes, IReadOnlyList<string> targets,
        CancellationToken cancellationToken)
    {
        var granted = scopes.Distinct(StringComparer.Ordinal).ToList();
        var resources = await cache.ListAsync(scopeManager, granted, cancellationToken);

        if (targets.Count > 0)
        {
            if (targets.Any(target => !resources.Contains(target, StringComparer.Ordinal)))
            {
                return (null, Errors.InvalidTarget,
                    "An audience or resource is not among the audiences of the granted scopes.");
            }

            resources = [.. resources.Where(targets.Contains)];
            granted = await ScopesOfAsync(scopeManager, cache, granted, resources, cancellationToken);
        }

        return resources.Count == 0
            ? (null, Errors.InvalidScope, "The granted scopes give no audience; ask for a scope of an API.")
            : (new GrantedAccess(granted, resources), null, null);
    }

    /// <summary>The scopes that give one of <paramref name="audiences"/>, and those that give no audience at all.</summary>
    private static async Task<List<string>> ScopesOfAsync(IOpenIddictScopeManager scopeManager, ScopeResourceCache cache,
        List<string> scopes, IReadOnlyList<string> audiences, CancellationToken cancellationToken)
    {
        var kept = new List<string>(scopes.Count);
        foreach (var scope in scopes)
        {
            var resources = await cache.ListAsync(scopeManager, [scope], cancellationToken);
            if (resources.Count == 0 || resources.Any(audiences.Contains))
            {
                kept.Add(scope);
            }
        }

        return kept;
    }
}
