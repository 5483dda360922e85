using AuthServer.Administration.ApiScopes;
using AuthServer.Administration.Clients;
using AuthServer.Operations.Logging;

namespace AuthServer.Administration.Bubble;

/// <summary>The wizard's client with a scope of its own, created in one pass: the scope, then the client using it.</summary>
public sealed class ConnectWithNewScope(ConnectWizard wizard, ScopeAdministration scopes)
{
    public const string NameField = "New scope";
    public const string ResourceField = "Its API";

    /// <summary>
    /// Creates <paramref name="newScope"/> granting <paramref name="resources"/> when it is given, then the client with
    /// it among its scopes. A client refused after its scope was created takes the scope with it (no client uses it
    /// yet), so a corrected second try finds the name free. Either refusal comes back as <see cref="ClientInvalid"/>.
    /// </summary>
    public async Task<ClientOutcome> CreateAsync(string clientId, string appUrl, IReadOnlyList<string> chosenScopes, string? newScope,
        IReadOnlyList<string> resources, IReadOnlyList<string> claims, string adminName, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(newScope))
        {
            return await wizard.CreateAsync(clientId, appUrl, chosenScopes, claims, adminName, cancellationToken);
        }

        newScope = newScope.Trim();
        var actor = ChangeActors.Admin(adminName);
        var scope = await scopes.CreateAsync(newScope, resources, actor, NameField, ResourceField, cancellationToken);
        if (ScopeRefusals.Describe(scope) is { } refusal)
        {
            return new ClientInvalid(scope is ScopeInvalid invalid ? invalid.Problems : [refusal]);
        }

        var client = await wizard.CreateAsync(clientId, appUrl, [.. chosenScopes, newScope], claims, adminName, cancellationToken);
        if (client is not ClientCreated)
        {
            await scopes.DeleteAsync(newScope, actor, cancellationToken);
        }

        return client;
    }
}
