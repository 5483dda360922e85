using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using AuthServer.Administration.Clients;
using AuthServer.Operations.Logging;

namespace AuthServer.Cli;

/// <summary>
/// <c>clients secrets list | add | revoke</c>: a client's several secrets, for rotation without downtime. Values are
/// never listed; a generated one is printed once, when it is added.
/// </summary>
public static class ClientSecretCommands
{
    public static readonly Argument<string> SecretId = new("secret-id") { Description = "The secret's id, as clients secrets list shows it" };

    public static readonly Option<TimeSpan?> ExpiresIn = new("--expires-in")
    {
        Description = "The new secret stops working after this long (d.hh:mm:ss, e.g. 90.00:00:00); never when absent",
        CustomParser = result => Duration(result, null),
    };

    public static readonly Option<TimeSpan?> RetireOthersIn = new("--retire-others-in")
    {
        Description = "Rotate: the client's other live secrets stop working after this grace period (d.hh:mm:ss); "
            + "7.00:00:00 when the flag has no value; the others are left alone when the flag is absent",
        Arity = ArgumentArity.ZeroOrOne,
        CustomParser = result => Duration(result, ClientSecretAdministration.DefaultGracePeriod),
    };

    public static Command Command() => new("secrets", "A client's several secrets: list, add (rotate with a grace period), revoke")
    {
        new Command("list", "List a client's secrets: id, state, created, last used, expires (never the value)") { CliCommands.Id, CliCommands.Json },
        new Command("add", "Add a secret (generated and printed once without --secret)")
        {
            CliCommands.Id, CliCommands.Secret, ExpiresIn, RetireOthersIn,
        },
        new Command("revoke", "Revoke one secret at once") { CliCommands.Id, SecretId },
    };

    public static async Task<int> ListAsync(CliContext context, string clientId, bool json)
    {
        var list = ClientCommands.Succeeded<ClientSecretList>(await context.Get<ClientSecretAdministration>().ListAsync(clientId));
        var rows = list.Secrets.Select(Row).ToList();
        if (json)
        {
            await Output.JsonAsync(context.Console.Out, rows);
        }
        else
        {
            await Output.TableAsync(context.Console.Out, ["ID", "STATE", "CREATED", "LAST USED", "EXPIRES"],
                [.. rows.Select(r => new[] { r.Id, r.State, Date(r.CreatedUtc), Date(r.LastUsedUtc), Date(r.ExpiresUtc) })]);
        }

        return 0;
    }

    public static async Task<int> AddAsync(CliContext context, ParseResult parse)
    {
        var clientId = parse.GetValue(CliCommands.Id)!;
        var secret = parse.GetValue(CliCommands.Secret);
        var added = ClientCommands.Succeeded<ClientSecretAdded>(await context.Get<ClientSecretAdministration>().AddAsync(clientId, secret,
            parse.GetValue(ExpiresIn), parse.GetResult(RetireOthersIn) is null ? null : parse.GetValue(RetireOthersIn),
            ChangeActors.Cli, OptionName));

        await context.Console.Out.WriteLineAsync(
            $"Client '{clientId}' has a new secret {added.SecretId}, which expires {Date(added.ExpiresUtc, "never")}.");
        if (added.GeneratedSecret is { } generated)
        {
            await context.Console.Out.WriteLineAsync($"Secret (shown once, store it now): {generated}");
        }

        await context.Console.Out.WriteLineAsync(added.OthersExpireUtc is { } until
            ? $"Its other secrets keep working until {Date(until)}, then stop: give every caller the new one before then."
            : "Its other secrets keep working: revoke them (clients secrets revoke) once every caller has the new one.");
        if (await context.Get<ClientAdministration>().GetAsync(clientId) is { } client)
        {
            await ClientCommands.WriteBubbleHeaderAsync(context, client, added.GeneratedSecret ?? secret);
        }

        return 0;
    }

    public static async Task<int> RevokeAsync(CliContext context, string clientId, string secretId)
    {
        ClientCommands.Succeeded<ClientSecretRevoked>(await context.Get<ClientSecretAdministration>().RevokeAsync(clientId, secretId, ChangeActors.Cli));
        await context.Console.Out.WriteLineAsync($"Secret {secretId} of client '{clientId}' revoked: it no longer works.");
        return 0;
    }

    /// <summary>For <c>clients list</c>: one line per secret.</summary>
    public static string Describe(ClientSecretSummary secret) =>
        $"{secret.Id} ({secret.State.ToString().ToLowerInvariant()}; created {Date(secret.CreatedUtc, "unknown")}; "
        + $"last used {Date(secret.LastUsedUtc, secret.Id == ClientSecretAdministration.OriginalSecretId && secret.CreatedUtc is null ? "unknown" : "never")}; "
        + $"expires {Date(secret.ExpiresUtc, "never")})";

    public static SecretRow Row(ClientSecretSummary s) =>
        new(s.Id, s.State.ToString().ToLowerInvariant(), s.CreatedUtc, s.LastUsedUtc, s.ExpiresUtc, s.RevokedUtc);

    private static TimeSpan? Duration(ArgumentResult result, TimeSpan? whenBare)
    {
        if (result.Tokens.Count == 0)
        {
            return whenBare;
        }

        if (TimeSpan.TryParse(result.Tokens[0].Value, CultureInfo.InvariantCulture, out var value) && value > TimeSpan.Zero)
        {
            return value;
        }

        result.AddError($"{result.Tokens[0].Value} is not a positive duration (d.hh:mm:ss, e.g. 7.00:00:00 for 7 days).");
        return null;
    }

    private static string OptionName(string field) => "--" + field;

    private static string Date(DateTime? value, string none = "-") =>
        value?.ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture) ?? none;

    public sealed record SecretRow(string Id, string State, DateTime? CreatedUtc, DateTime? LastUsedUtc, DateTime? ExpiresUtc,
        DateTime? RevokedUtc);
}
