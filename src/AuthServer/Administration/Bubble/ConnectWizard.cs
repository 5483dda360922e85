using AuthServer.Bubble;
using AuthServer.Clients;
using AuthServer.Options;
using Microsoft.Extensions.Options;
using OpenIddict.Abstractions;
using static OpenIddict.Abstractions.OpenIddictConstants;
using AuthServer.Administration.Clients;
using AuthServer.Operations.Logging;

namespace AuthServer.Administration.Bubble;

/// <summary>
/// What the "Connect a Bubble app" wizard offers and does: the scopes this server knows, a client id suggested by
/// the app's address, and the client itself, created through <see cref="ClientAdministration"/> with the grants a
/// Bubble app needs (token_exchange, and refresh_token when <c>offline_access</c> is chosen).
/// </summary>
public sealed class ConnectWizard(IOpenIddictScopeManager scopes, IOptions<CatalogOptions> catalog, ClientAdministration clients,
    ClientCatalogReader catalogReader)
{
    /// <summary>Configured and stored scopes, sorted, with <c>offline_access</c> (the refresh token) last.</summary>
    public async Task<IReadOnlyList<string>> ScopesAsync(CancellationToken cancellationToken)
    {
        var known = new SortedSet<string>(StringComparer.Ordinal);
        known.UnionWith(catalog.Value.Scopes.Select(s => s.Name));
        await foreach (var scope in scopes.ListAsync(count: null, offset: null, cancellationToken))
        {
            known.Add((await scopes.GetNameAsync(scope, cancellationToken))!);
        }

        known.Remove(Scopes.OfflineAccess);
        return [.. known, Scopes.OfflineAccess];
    }

    /// <summary>
    /// <see cref="ScopesAsync"/> as step 2 offers them to a new client <paramref name="clientId"/> of
    /// <paramref name="appUrl"/>: a scope whose audience a client of another Bubble app or version reaches is
    /// unavailable, since creating the client would be refused (<see cref="ClientRules.CheckAgainstCatalog"/>, whose
    /// comparison this is), with what to do instead.
    /// </summary>
    public async Task<IReadOnlyList<ScopeChoice>> ScopeChoicesAsync(string clientId, string appUrl, CancellationToken cancellationToken)
    {
        var view = await catalogReader.ReadAsync(withConfiguration: true, cancellationToken);
        var binding = BubbleAppUrl.TryNormalize(appUrl, out var normalized) ? normalized : appUrl;
        var choices = new List<ScopeChoice>();
        foreach (var scope in await ScopesAsync(cancellationToken))
        {
            var conflict = view.ResourcesOf(scope)
                .Select(audience => (Audience: audience, Other: view.OtherBindingReaching(audience, clientId, binding)))
                .FirstOrDefault(c => c.Other is not null);
            choices.Add(new ScopeChoice(scope, conflict.Other is { } other
                ? $"Not available to this app: its API ({conflict.Audience}) is already reached by client {other.ClientId} of "
                    + $"another Bubble app or version ({other.Binding}), and the API could not tell the two apps' users apart. "
                    + "To give this app that API, create a scope whose audience is this app's own (below, on the Scopes page, "
                    + $"or in configuration: Scopes:N:Resources), and have the API accept it; or list {conflict.Audience} in {ClientRules.BubbleSharedAudiences} "
                    + "(a risk: see docs/bubble.md, \"One audience per Bubble app\")."
                : null,
                [.. view.ResourcesOf(scope).Order(StringComparer.Ordinal)]));
        }

        return choices;
    }

    /// <summary>
    /// The first free one of <c>NAME</c>, <c>NAME-2</c>, … where NAME comes from the app's address: free of clients,
    /// and never a resource name (https://sample-api.bubbleapps.io must not suggest the API's own name, which the
    /// rules refuse: a client of that id could introspect every token issued for the API).
    /// </summary>
    public async Task<string> SuggestClientIdAsync(BubbleAppUrlVerdict verdict, CancellationToken cancellationToken)
    {
        var resources = await catalogReader.ReadAsync(withConfiguration: true, cancellationToken);
        var name = ClientIdSuggestion.For(verdict);
        for (var n = 2; n < 100 && (resources.IsResource(name) || await clients.GetAsync(name, cancellationToken) is not null); n++)
        {
            name = $"{ClientIdSuggestion.For(verdict)}-{n}";
        }

        return name;
    }

    /// <summary>Without an API scope a token has no audience, so every exchange of the new client would be refused.</summary>
    public const string NoApiScope = "Choose at least one API scope besides offline_access: it names the API (the token's "
        + "audience) your app calls, and without one every exchange is refused with invalid_scope. If none is offered for "
        + "this app, create one here (\"Or a new scope\", with its API), or declare a scope whose audience is this app's own "
        + "(Scopes:N:Name and Scopes:N:Resources:M in configuration, or scopes add).";

    public Task<ClientOutcome> CreateAsync(string clientId, string appUrl, IReadOnlyList<string> chosenScopes,
        IReadOnlyList<string> claims, string adminName, CancellationToken cancellationToken)
    {
        if (chosenScopes.All(scope => scope == Scopes.OfflineAccess))
        {
            return Task.FromResult<ClientOutcome>(new ClientInvalid([NoApiScope]));
        }

        IReadOnlyList<string> grants = chosenScopes.Contains(Scopes.OfflineAccess)
            ? [GrantNames.TokenExchange, GrantNames.RefreshToken]
            : [GrantNames.TokenExchange];
        var settings = new ClientSettings(grants, [.. chosenScopes.Distinct(StringComparer.Ordinal)], appUrl, claims);
        return clients.CreateAsync(clientId, settings, secret: null, ChangeActors.Admin(adminName), FieldName, cancellationToken);
    }

    /// <summary>The names the wizard's form gives the fields the rules check.</summary>
    public static string FieldName(string field, int? index) => field switch
    {
        "ClientId" => "Client id",
        "BubbleAppUrl" => "App URL",
        "BubbleClaims" => index is null ? "Claims" : $"Claim {index + 1}",
        "Scopes" => index is null ? "Scopes" : $"Scope {index + 1}",
        "GrantTypes" => "Grants",
        _ => ClientDefinitions.ConfigurationName(field, index),
    };

    /// <summary>The claims field as typed: names separated by commas, spaces or line breaks.</summary>
    public static IReadOnlyList<string> ParseClaims(string? text) =>
        [.. (text ?? "").Split([',', ' ', '\n', '\r', '\t'], StringSplitOptions.RemoveEmptyEntries).Distinct(StringComparer.Ordinal)];
}
