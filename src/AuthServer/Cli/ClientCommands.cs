using System.CommandLine;
using System.Security.Cryptography;
using AuthServer.Clients;
using AuthServer.Logging;
using AuthServer.Options;
using OpenIddict.Abstractions;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace AuthServer.Cli;

/// <summary><c>clients list | add | remove | set-secret</c>, on the same store the server reads (every node sees a change within 1 s).</summary>
public static class ClientCommands
{
    public static async Task<int> ListAsync(CliContext context, bool json)
    {
        var applications = context.Get<IOpenIddictApplicationManager>();
        var rows = new List<ClientRow>();
        await foreach (var app in applications.ListAsync())
        {
            var policy = await ClientPolicy.FromApplicationAsync(applications, app, default);
            rows.Add(new ClientRow(
                policy.ClientId,
                await applications.GetClientTypeAsync(app) ?? "",
                [.. GrantNames.ToProtocol.Where(g => policy.MayUseGrant(g.Value)).Select(g => g.Key)],
                [.. policy.Permissions.Where(p => p.StartsWith(Permissions.Prefixes.Scope, StringComparison.Ordinal))
                    .Select(p => p[Permissions.Prefixes.Scope.Length..])],
                policy.BubbleAppUrl,
                [.. policy.BubbleClaims]));
        }

        rows.Sort((a, b) => string.CompareOrdinal(a.ClientId, b.ClientId));
        if (json)
        {
            await Output.JsonAsync(context.Console.Out, rows);
        }
        else
        {
            await Output.TableAsync(context.Console.Out, ["CLIENT", "TYPE", "GRANTS", "SCOPES", "BUBBLE APP"],
                [.. rows.Select(r => new[] { r.ClientId, r.Type, string.Join(',', r.Grants), string.Join(',', r.Scopes), r.BubbleAppUrl ?? "" })]);
        }

        return 0;
    }

    public static async Task<int> AddAsync(CliContext context, ParseResult parse)
    {
        var applications = context.Get<IOpenIddictApplicationManager>();
        var scopes = context.Get<IOpenIddictScopeManager>();
        var generated = parse.GetValue(CliCommands.Secret) is null;
        var client = new ClientDefinition
        {
            ClientId = parse.GetValue(CliCommands.ClientId)!,
            ClientSecret = parse.GetValue(CliCommands.Secret) ?? NewSecret(),
            GrantTypes = [.. parse.GetValue(CliCommands.Grants) ?? []],
            Scopes = [.. parse.GetValue(CliCommands.Scopes) ?? []],
            BubbleAppUrl = parse.GetValue(CliCommands.BubbleAppUrl),
            BubbleClaims = [.. parse.GetValue(CliCommands.BubbleClaims) ?? []],
        };

        // Configured scopes count too: the server applies them at its next start, as it does at every start.
        var known = new HashSet<string>(StringComparer.Ordinal) { Scopes.OfflineAccess };
        known.UnionWith(context.Get<Microsoft.Extensions.Options.IOptions<CatalogOptions>>().Value.Scopes.Select(s => s.Name));
        await foreach (var scope in scopes.ListAsync())
        {
            known.Add((await scopes.GetNameAsync(scope))!);
        }

        var failure = ClientRules.Check(client, OptionName, known.Contains).FirstOrDefault();
        if (failure is not null)
        {
            throw new CliException(failure);
        }

        if (await applications.FindByClientIdAsync(client.ClientId) is not null)
        {
            throw new CliException($"Client '{client.ClientId}' already exists.");
        }

        await applications.CreateAsync(ClientDescriptorFactory.Create(client));
        context.Get<ILogger<CliContext>>().ClientCreated(client.ClientId, "the CLI");
        await context.Console.Out.WriteLineAsync($"Client '{client.ClientId}' added.");
        foreach (var warning in ClientRules.Warnings(client))
        {
            await context.Console.Error.WriteLineAsync($"Warning: {warning}");
        }

        if (generated)
        {
            await context.Console.Out.WriteLineAsync($"Secret (shown once, store it now): {client.ClientSecret}");
        }

        return 0;
    }

    public static async Task<int> RemoveAsync(CliContext context, string clientId)
    {
        var applications = context.Get<IOpenIddictApplicationManager>();
        var app = await applications.FindByClientIdAsync(clientId) ?? throw UnknownClient(clientId);
        await applications.DeleteAsync(app);
        context.Get<ILogger<CliContext>>().ClientRemoved(clientId);
        await context.Console.Out.WriteLineAsync($"Client '{clientId}' removed.");
        return 0;
    }

    public static async Task<int> SetSecretAsync(CliContext context, string clientId, string? secret)
    {
        var applications = context.Get<IOpenIddictApplicationManager>();
        var app = await applications.FindByClientIdAsync(clientId) ?? throw UnknownClient(clientId);
        if (secret is { Length: 0 })
        {
            throw new CliException("--secret must not be empty.");
        }

        var descriptor = new OpenIddictApplicationDescriptor();
        await applications.PopulateAsync(descriptor, app);
        descriptor.ClientSecret = secret ?? NewSecret();
        descriptor.ClientType = ClientTypes.Confidential;
        descriptor.Permissions.Add(Permissions.Endpoints.Introspection);
        descriptor.Permissions.Add(Permissions.Endpoints.Revocation);
        await applications.UpdateAsync(app, descriptor);
        context.Get<ILogger<CliContext>>().ClientSecretChanged(clientId);

        await context.Console.Out.WriteLineAsync($"Client '{clientId}' has a new secret.");
        if (secret is null)
        {
            await context.Console.Out.WriteLineAsync($"Secret (shown once, store it now): {descriptor.ClientSecret}");
        }

        return 0;
    }

    private static CliException UnknownClient(string clientId) => new($"Unknown client '{clientId}'.");

    private static string NewSecret() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32))
        .TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static string OptionName(string field, int? index) => field switch
    {
        "ClientId" => "--client-id",
        "ClientSecret" => "--secret",
        "GrantTypes" => "--grant",
        "Scopes" => "--scope",
        "BubbleAppUrl" => "--bubble-app-url",
        "BubbleClaims" => "--bubble-claim",
        _ => field,
    };

    private sealed record ClientRow(string ClientId, string Type, string[] Grants, string[] Scopes, string? BubbleAppUrl, string[] BubbleClaims);
}
