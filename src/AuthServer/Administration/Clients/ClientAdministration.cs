using AuthServer.Clients;
using AuthServer.Options;
using AuthServer.Storage;
using Microsoft.EntityFrameworkCore;
using OpenIddict.Abstractions;
using static OpenIddict.Abstractions.OpenIddictConstants;
using AuthServer.Administration.Audit;
using AuthServer.Operations.Logging;

namespace AuthServer.Administration.Clients;

/// <summary>
/// Client administration for the CLI and the console, on the store every node reads: a change made here
/// takes effect on this node at once and on every other within the engine's one-second client cache.
/// Clients declared in configuration are read-only (<see cref="ClientDeclaredInConfiguration"/>).
/// Every change is an audit event naming its <c>actor</c> (<see cref="ChangeActors"/>), never a secret: one log line
/// (1001–1004), written here, and an audit row (<see cref="AdminAudit"/>).
/// <c>fieldName</c> turns a field (and, for lists, an index) into the caller's name for it, so each problem
/// names what the operator typed; by default the names of <c>Clients:N</c>.
/// </summary>
public sealed class ClientAdministration(
    IOpenIddictApplicationManager applications,
    ClientValidation validation,
    ConfiguredClients configured,
    AuthDbContext db,
    AdminAudit audit,
    ClientSecretAdministration secrets,
    ILogger<ClientAdministration> logger)
{
    public async Task<IReadOnlyList<ClientSummary>> ListAsync(CancellationToken cancellationToken = default)
    {
        var rows = new List<ClientSummary>();
        await foreach (var application in applications.ListAsync(count: null, offset: null, cancellationToken))
        {
            rows.Add(await SummarizeAsync(application, cancellationToken));
        }

        rows.Sort((a, b) => string.CompareOrdinal(a.ClientId, b.ClientId));
        return rows;
    }

    public async Task<ClientSummary?> GetAsync(string clientId, CancellationToken cancellationToken = default) =>
        await FindAsync(clientId, cancellationToken) is { } application ? await SummarizeAsync(application, cancellationToken) : null;

    /// <summary>Without <paramref name="secret"/>, one is generated and returned once in <see cref="ClientCreated"/>.</summary>
    public async Task<ClientOutcome> CreateAsync(string clientId, ClientSettings settings, string? secret, string actor,
        Func<string, int?, string>? fieldName = null, CancellationToken cancellationToken = default)
    {
        var definition = ClientDefinitions.Of(clientId, settings, secret ?? ClientDefinitions.NewSecret());
        var problems = await validation.CheckAsync(definition, fieldName, cancellationToken);
        if (problems.Count > 0)
        {
            return new ClientInvalid(problems);
        }

        if (await FindAsync(clientId, cancellationToken) is not null)
        {
            return new ClientAlreadyExists(clientId);
        }

        if (configured.Find(clientId) is { } origin)
        {
            return new ClientDeclaredInConfiguration(clientId, origin);
        }

        try
        {
            await applications.CreateAsync(ClientDescriptorFactory.Create(definition), cancellationToken);
        }
        // Another operator created the same id a moment ago: OpenIddict's own check or the unique index refused it.
        catch (Exception ex) when (ex is OpenIddictExceptions.ValidationException or DbUpdateException)
        {
            db.ChangeTracker.Clear();
            if (await FindAsync(clientId, cancellationToken) is null)
            {
                throw;
            }

            return new ClientAlreadyExists(clientId);
        }

        logger.ClientCreated(clientId, actor);
        return await audit.RecordAsync(actor, new ClientCreated((await GetAsync(clientId, cancellationToken))!,
            secret is null ? definition.ClientSecret : null, [.. ClientRules.Warnings(definition)]), cancellationToken);
    }

    /// <summary>Replaces the grants, scopes, Bubble app URL, Bubble claims and access token lifetime; the secret stays.</summary>
    public async Task<ClientOutcome> UpdateAsync(string clientId, ClientSettings settings, string actor,
        Func<string, int?, string>? fieldName = null, CancellationToken cancellationToken = default)
    {
        var (application, refusal) = await FindChangeableAsync(clientId, cancellationToken);
        if (application is null)
        {
            return refusal!;
        }

        // The rules ask whether the client has a secret, not what it is (only its hash is stored).
        var confidential = !await applications.HasClientTypeAsync(application, ClientTypes.Public, cancellationToken);
        // A declared resource server stays one: the console's form does not offer the setting, so it never unsets it.
        var stored = await ClientPolicy.FromApplicationAsync(applications, application, cancellationToken);
        var definition = ClientDefinitions.Of(clientId, settings with { ResourceServer = settings.ResourceServer || stored.IsResourceServer },
            confidential ? "(stored)" : null);
        var problems = await validation.CheckAsync(definition, fieldName, cancellationToken);
        if (problems.Count > 0)
        {
            return new ClientInvalid(problems);
        }

        var descriptor = new OpenIddictApplicationDescriptor();
        await applications.PopulateAsync(descriptor, application, cancellationToken);
        var wanted = ClientDescriptorFactory.Create(definition);
        descriptor.Permissions.Clear();
        descriptor.Permissions.UnionWith(wanted.Permissions);
        descriptor.Properties.Remove(ClientProperties.BubbleAppUrl);
        descriptor.Properties.Remove(ClientProperties.BubbleClaims);
        descriptor.Properties.Remove(ClientProperties.ResourceServer);
        descriptor.Properties.Remove(ClientProperties.AccessTokenLifetime);
        foreach (var (name, value) in wanted.Properties)
        {
            descriptor.Properties[name] = value;
        }

        await applications.UpdateAsync(application, descriptor, cancellationToken);
        logger.ClientUpdated(clientId, actor);
        return await audit.RecordAsync(actor, new ClientUpdated(await SummarizeAsync(application, cancellationToken),
            [.. ClientRules.Warnings(definition)]), cancellationToken);
    }

    /// <summary>
    /// Without <paramref name="secret"/>, one is generated and returned once; every old secret, the added ones too
    /// (<see cref="ClientSecretAdministration"/>), stops working: for emergencies.
    /// </summary>
    public async Task<ClientOutcome> RotateSecretAsync(string clientId, string actor, string? secret = null,
        Func<string, int?, string>? fieldName = null, CancellationToken cancellationToken = default)
    {
        var (application, refusal) = await FindChangeableAsync(clientId, cancellationToken);
        if (application is null)
        {
            return refusal!;
        }

        if (secret is { Length: 0 })
        {
            return new ClientInvalid([$"{(fieldName ?? ClientDefinitions.ConfigurationName)("ClientSecret", null)} must not be empty."]);
        }

        var descriptor = new OpenIddictApplicationDescriptor();
        await applications.PopulateAsync(descriptor, application, cancellationToken);
        descriptor.ClientSecret = secret ?? ClientDefinitions.NewSecret();
        descriptor.ClientType = ClientTypes.Confidential;
        descriptor.Permissions.Add(Permissions.Endpoints.Introspection);
        descriptor.Permissions.Add(Permissions.Endpoints.Revocation);
        await applications.UpdateAsync(application, descriptor, cancellationToken);
        // Every secret at once: the added ones go, the new single secret is the only one.
        await secrets.ForgetAllAsync(clientId, cancellationToken);
        logger.ClientSecretChanged(clientId, actor);
        return await audit.RecordAsync(actor, new ClientSecretRotated(clientId, secret is null ? descriptor.ClientSecret : null),
            cancellationToken);
    }

    /// <summary>
    /// Registers <paramref name="jwks"/> (a JWKS of public RSA or EC keys) as the client's keys for <c>private_key_jwt</c>,
    /// replacing any it had; a client with keys is confidential. With <paramref name="privateKeyJwtOnly"/> its secrets
    /// are refused from now on (they stay stored, so clearing the flag brings them back).
    /// </summary>
    public async Task<ClientOutcome> SetKeysAsync(string clientId, string jwks, bool privateKeyJwtOnly, string actor,
        string fieldName = "--jwks-file", CancellationToken cancellationToken = default)
    {
        var (application, refusal) = await FindChangeableAsync(clientId, cancellationToken);
        if (application is null)
        {
            return refusal!;
        }

        var (set, problem) = ClientKeySet.Parse(jwks, fieldName);
        if (set is null)
        {
            return new ClientInvalid([problem!]);
        }

        var descriptor = new OpenIddictApplicationDescriptor();
        await applications.PopulateAsync(descriptor, application, cancellationToken);
        descriptor.JsonWebKeySet = set;
        descriptor.ClientType = ClientTypes.Confidential;
        descriptor.Permissions.Add(Permissions.Endpoints.Introspection);
        descriptor.Permissions.Add(Permissions.Endpoints.Revocation);
        if (privateKeyJwtOnly)
        {
            descriptor.Properties[ClientProperties.PrivateKeyJwtOnly] = ClientProperties.ToJson(true);
        }
        else
        {
            descriptor.Properties.Remove(ClientProperties.PrivateKeyJwtOnly);
        }

        await applications.UpdateAsync(application, descriptor, cancellationToken);
        logger.ClientKeysChanged(clientId, actor, privateKeyJwtOnly);
        return await audit.RecordAsync(actor, new ClientKeysSet(clientId, set.Keys.Count, privateKeyJwtOnly), cancellationToken);
    }

    public async Task<ClientOutcome> DeleteAsync(string clientId, string actor, CancellationToken cancellationToken = default)
    {
        var (application, refusal) = await FindChangeableAsync(clientId, cancellationToken);
        if (application is null)
        {
            return refusal!;
        }

        await applications.DeleteAsync(application, cancellationToken);
        await secrets.ForgetAllAsync(clientId, cancellationToken);
        logger.ClientRemoved(clientId, actor);
        return await audit.RecordAsync(actor, new ClientDeleted(clientId), cancellationToken);
    }

    private async ValueTask<object?> FindAsync(string clientId, CancellationToken cancellationToken) =>
        string.IsNullOrEmpty(clientId) || !ClientRules.CanNameAClient(clientId)
            ? null
            : await applications.FindByClientIdAsync(clientId, cancellationToken);

    /// <summary>The stored client to change, or (when configuration declares it, or it does not exist) why not.</summary>
    private async Task<(object? Application, ClientOutcome? Refusal)> FindChangeableAsync(string clientId,
        CancellationToken cancellationToken)
    {
        if (configured.Find(clientId) is { } origin)
        {
            return (null, new ClientDeclaredInConfiguration(clientId, origin));
        }

        return await FindAsync(clientId, cancellationToken) is { } application ? (application, null) : (null, new ClientNotFound(clientId));
    }

    private async Task<ClientSummary> SummarizeAsync(object application, CancellationToken cancellationToken)
    {
        var policy = await ClientPolicy.FromApplicationAsync(applications, application, cancellationToken);
        var settings = new ClientSettings(
            [.. GrantNames.ToProtocol.Where(g => policy.MayUseGrant(g.Value)).Select(g => g.Key)],
            [.. policy.Permissions.Where(p => p.StartsWith(Permissions.Prefixes.Scope, StringComparison.Ordinal))
                .Select(p => p[Permissions.Prefixes.Scope.Length..])],
            policy.BubbleAppUrl,
            [.. policy.BubbleClaims],
            policy.IsResourceServer,
            policy.AccessTokenLifetime);
        return new ClientSummary(policy.ClientId, await applications.GetClientTypeAsync(application, cancellationToken) ?? "",
            settings, configured.Find(policy.ClientId));
    }
}
