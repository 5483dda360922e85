using AuthServer.Bubble;
using AuthServer.Options;

namespace AuthServer.Clients;

/// <summary>
/// One token_exchange client's binding (its normalized Bubble app URL: live, a version or a custom domain each
/// being one) and the audiences its scopes reach.
/// </summary>
public sealed record AudienceBinding(string ClientId, string Binding, IReadOnlySet<string> Audiences)
{
    /// <summary>The binding of a definition that may exchange Bubble tokens; null for any other.</summary>
    public static AudienceBinding? Of(ClientDefinition client, Func<string, IEnumerable<string>> resourcesOf) =>
        client.GrantTypes.Contains(GrantNames.TokenExchange) && BubbleAppUrl.TryNormalize(client.BubbleAppUrl, out var binding)
            ? new AudienceBinding(client.ClientId, binding,
                new HashSet<string>(client.Scopes.SelectMany(resourcesOf), AudienceNames.Comparer))
            : null;
}

/// <summary>
/// What the cross-client rules (<see cref="ClientRules.CheckAgainstCatalog"/>) compare a client with: the resources
/// of every known scope, the binding of every token_exchange client, and <c>Bubble:SharedAudiences</c>.
/// </summary>
public sealed class ClientCatalogView(
    IReadOnlyDictionary<string, IReadOnlyCollection<string>> scopeResources,
    IReadOnlyList<AudienceBinding> bindings,
    IEnumerable<string> sharedAudiences)
{
    private readonly HashSet<string> _resources = new(scopeResources.Values.SelectMany(r => r), AudienceNames.Comparer);

    public IReadOnlySet<string> SharedAudiences { get; } = new HashSet<string>(sharedAudiences, AudienceNames.Comparer);

    public IReadOnlyList<AudienceBinding> Bindings => bindings;

    public IEnumerable<string> ResourcesOf(string scope) =>
        scopeResources.TryGetValue(scope, out var resources) ? resources : [];

    /// <summary>Whether some scope grants <paramref name="name"/> as an audience.</summary>
    public bool IsResource(string name) => _resources.Contains(name);

    /// <summary>
    /// A token_exchange client bound elsewhere than <paramref name="binding"/> that also reaches
    /// <paramref name="audience"/>, unless the audience is shared; null when there is none. Audiences compare as an API
    /// compares them (<see cref="AudienceNames"/>), whatever comparer a binding's set was built with.
    /// </summary>
    public AudienceBinding? OtherBindingReaching(string audience, string clientId, string binding) =>
        SharedAudiences.Contains(audience)
            ? null
            : bindings.FirstOrDefault(b => b.ClientId != clientId && b.Binding != binding && b.Audiences.Contains(audience, AudienceNames.Comparer));
}
