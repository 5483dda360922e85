using AuthServer.Administration.Bubble;
using System.CommandLine;
using AuthServer.Administration.Clients;
using AuthServer.Operations.Logging;

namespace AuthServer.Cli;

/// <summary><c>clients list | add | remove | set-secret | set-jwks</c>, on the same store the server reads (every node sees a change within 1 s); <c>clients secrets</c>: <see cref="ClientSecretCommands"/>.</summary>
public static class ClientCommands
{
    public static async Task<int> ListAsync(CliContext context, bool json)
    {
        var secrets = context.Get<ClientSecretAdministration>();
        var rows = new List<ClientRow>();
        foreach (var c in await context.Get<ClientAdministration>().ListAsync())
        {
            var list = await secrets.ListAsync(c.ClientId) as ClientSecretList;
            rows.Add(new ClientRow(c.ClientId, c.Type, [.. c.Settings.Grants], [.. c.Settings.Scopes], c.Settings.BubbleAppUrl,
                [.. c.Settings.BubbleClaims], c.Settings.AccessTokenLifetime?.ToString("c", System.Globalization.CultureInfo.InvariantCulture),
                [.. list?.Secrets ?? []]));
        }

        if (json)
        {
            await Output.JsonAsync(context.Console.Out, rows.Select(r => new ClientJson(r.ClientId, r.Type, r.Grants, r.Scopes, r.BubbleAppUrl,
                r.BubbleClaims, r.AccessTokenLifetime, [.. r.Secrets.Select(ClientSecretCommands.Row)])));
        }
        else
        {
            await Output.TableAsync(context.Console.Out, ["CLIENT", "TYPE", "GRANTS", "SCOPES", "BUBBLE APP", "SECRETS"],
                [.. rows.Select(r => new[] { r.ClientId, r.Type, string.Join(',', r.Grants), string.Join(',', r.Scopes), r.BubbleAppUrl ?? "",
                    string.Join("; ", r.Secrets.Select(ClientSecretCommands.Describe)) })]);
        }

        return 0;
    }

    public static async Task<int> AddAsync(CliContext context, ParseResult parse)
    {
        var settings = new ClientSettings(
            parse.GetValue(CliCommands.Grants) ?? [],
            parse.GetValue(CliCommands.Scopes) ?? [],
            parse.GetValue(CliCommands.BubbleAppUrl),
            parse.GetValue(CliCommands.BubbleClaims) ?? [],
            parse.GetValue(CliCommands.ResourceServer),
            parse.GetValue(CliCommands.AccessTokenLifetime));
        var outcome = await context.Get<ClientAdministration>().CreateAsync(parse.GetValue(CliCommands.ClientId)!, settings,
            parse.GetValue(CliCommands.Secret), ChangeActors.Cli, OptionName);
        var created = Succeeded<ClientCreated>(outcome);

        await context.Console.Out.WriteLineAsync($"Client '{created.Client.ClientId}' added.");
        foreach (var warning in created.Warnings)
        {
            await context.Console.Error.WriteLineAsync($"Warning: {warning}");
        }

        if (created.GeneratedSecret is { } secret)
        {
            await context.Console.Out.WriteLineAsync($"Secret (shown once, store it now): {secret}");
        }

        await WriteBubbleHeaderAsync(context, created.Client, created.GeneratedSecret ?? parse.GetValue(CliCommands.Secret));
        return 0;
    }

    public static async Task<int> RemoveAsync(CliContext context, string clientId)
    {
        Succeeded<ClientDeleted>(await context.Get<ClientAdministration>().DeleteAsync(clientId, ChangeActors.Cli));
        await context.Console.Out.WriteLineAsync($"Client '{clientId}' removed.");
        return 0;
    }

    public static async Task<int> SetSecretAsync(CliContext context, string clientId, string? secret)
    {
        var rotated = Succeeded<ClientSecretRotated>(
            await context.Get<ClientAdministration>().RotateSecretAsync(clientId, ChangeActors.Cli, secret, OptionName));

        await context.Console.Out.WriteLineAsync($"Client '{clientId}' has a new secret.");
        if (rotated.GeneratedSecret is { } generated)
        {
            await context.Console.Out.WriteLineAsync($"Secret (shown once, store it now): {generated}");
        }

        if (await context.Get<ClientAdministration>().GetAsync(clientId) is { } client)
        {
            await WriteBubbleHeaderAsync(context, client, rotated.GeneratedSecret ?? secret);
        }

        return 0;
    }

    public static async Task<int> SetJwksAsync(CliContext context, string clientId, string file, bool privateKeyJwtOnly)
    {
        string jwks;
        try
        {
            jwks = await File.ReadAllTextAsync(file);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new CliException($"--jwks-file: cannot read {file}: {ex.Message}");
        }

        var set = Succeeded<ClientKeysSet>(await context.Get<ClientAdministration>().SetKeysAsync(clientId, jwks, privateKeyJwtOnly, ChangeActors.Cli));
        await context.Console.Out.WriteLineAsync($"Client '{clientId}' has {set.KeyCount} public key(s) for private_key_jwt"
            + (set.PrivateKeyJwtOnly ? "; its secrets are refused from now on." : "; its secrets still work."));
        return 0;
    }

    /// <summary>
    /// A Bubble client's secret goes into the API Connector as a ready <c>Authorization</c> header: printed here, so no
    /// one has to url-encode and base64 <c>id:secret</c> by hand (and get a <c>+</c> or a <c>%</c> wrong).
    /// </summary>
    internal static async Task WriteBubbleHeaderAsync(CliContext context, ClientSummary client, string? secret)
    {
        if (!string.IsNullOrEmpty(client.Settings.BubbleAppUrl) && !string.IsNullOrEmpty(secret))
        {
            await context.Console.Out.WriteLineAsync(
                $"Authorization header for Bubble's API Connector (private; shown once): {ClientSecretBasic.HeaderValue(client.ClientId, secret)}");
        }
    }

    /// <summary>The expected success, or the operator's mistake as the one line the CLI prints.</summary>
    internal static T Succeeded<T>(ClientOutcome outcome) where T : ClientOutcome => outcome switch
    {
        T success => success,
        ClientInvalid invalid => throw new CliException(invalid.Problems[0]),
        ClientNotFound missing => throw new CliException($"Unknown client '{missing.ClientId}'."),
        ClientSecretNotFound missing => throw new CliException($"Client '{missing.ClientId}' has no secret '{missing.SecretId}'; see clients secrets list."),
        ClientAlreadyExists existing => throw new CliException($"Client '{existing.ClientId}' already exists."),
        ClientDeclaredInConfiguration declared => throw new CliException(
            $"Client '{declared.ClientId}' is declared in configuration ({declared.Origin}); change it there, it applies at the next start."),
        _ => throw new InvalidOperationException($"Unexpected outcome {outcome}."),
    };

    private static string OptionName(string field, int? index) => field switch
    {
        "ClientId" => "--client-id",
        "ClientSecret" => "--secret",
        "GrantTypes" => "--grant",
        "Scopes" => "--scope",
        "BubbleAppUrl" => "--bubble-app-url",
        "BubbleClaims" => "--bubble-claim",
        "ResourceServer" => "--resource-server",
        "AccessTokenLifetime" => "--access-token-lifetime",
        _ => field,
    };

    private sealed record ClientRow(string ClientId, string Type, string[] Grants, string[] Scopes, string? BubbleAppUrl, string[] BubbleClaims,
        string? AccessTokenLifetime, ClientSecretSummary[] Secrets);

    private sealed record ClientJson(string ClientId, string Type, string[] Grants, string[] Scopes, string? BubbleAppUrl, string[] BubbleClaims,
        string? AccessTokenLifetime, ClientSecretCommands.SecretRow[] Secrets);
}
