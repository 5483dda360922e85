using System.Globalization;
using AuthServer.Administration.Keys;
using AuthServer.Operations.Logging;

namespace AuthServer.Cli;

/// <summary><c>keys list | rotate | revoke</c>: the signing key timeline, by hand.</summary>
public static class KeyCommands
{
    public static async Task<int> ListAsync(CliContext context, bool json)
    {
        var rows = (await context.Get<KeyAdministration>().TimelineAsync()).Select(k => new KeyRow(k.Kid, k.Algorithm,
            k.State.ToString().ToLowerInvariant(), k.CreatedUtc, k.ActivatesUtc, k.RetiredUtc, k.ExpiresUtc, k.RevokedUtc)).ToList();
        if (json)
        {
            await Output.JsonAsync(context.Console.Out, rows);
        }
        else
        {
            await Output.TableAsync(context.Console.Out, ["KID", "ALG", "STATE", "CREATED", "ACTIVATES", "RETIRED", "EXPIRES", "REVOKED"],
                [.. rows.Select(r => new[] { r.Kid, r.Algorithm, r.State, Date(r.CreatedUtc), Date(r.ActivatesUtc), Date(r.RetiredUtc), Date(r.ExpiresUtc), Date(r.RevokedUtc) })]);
        }

        return 0;
    }

    public static async Task<int> RotateAsync(CliContext context, bool now)
    {
        var key = await context.Get<KeyAdministration>().RotateAsync(ChangeActors.Cli, now);
        await context.Console.Out.WriteLineAsync(key.SignsNow
            ? $"Key {key.Kid} ({key.Algorithm}) signs from now on."
            : $"Key {key.Kid} ({key.Algorithm}) announced; it starts signing at {Date(key.ActivatesUtc)}.");
        return 0;
    }

    public static async Task<int> RevokeAsync(CliContext context, string kid, bool yes)
    {
        var keys = context.Get<KeyAdministration>();
        if (!(await keys.TimelineAsync()).Any(k => k.Kid == kid))
        {
            throw UnknownKey(kid);
        }

        if (!yes)
        {
            await Confirmation.RequireAsync(context,
                $"Revoke key {kid}? The access tokens it signed stop validating; the refresh tokens it signed still redeem.", "Not revoked");
        }

        // A key revoked before is out of the JWKS all the same: the command's promise holds.
        if (await keys.RevokeAsync(kid, ChangeActors.Cli) is KeyNotFound)
        {
            throw UnknownKey(kid);
        }

        await context.Console.Out.WriteLineAsync($"Key {kid} revoked; it has left the JWKS.");
        return 0;
    }

    private static CliException UnknownKey(string kid) => new($"Unknown key '{kid}'.");

    private static string Date(DateTime? value) =>
        value?.ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture) ?? "-";

    private sealed record KeyRow(string Kid, string Algorithm, string State, DateTime CreatedUtc, DateTime ActivatesUtc,
        DateTime? RetiredUtc, DateTime? ExpiresUtc, DateTime? RevokedUtc);
}
