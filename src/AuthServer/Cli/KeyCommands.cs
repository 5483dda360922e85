using System.Globalization;
using AuthServer.Keys;

namespace AuthServer.Cli;

/// <summary><c>keys list | rotate | revoke</c>: the signing key timeline, by hand.</summary>
public static class KeyCommands
{
    public static async Task<int> ListAsync(CliContext context, bool json)
    {
        var keys = await context.Get<KeyManager>().ListAsync();
        var rows = keys.Select(k => new KeyRow(k.Key.Id, k.Key.Algorithm, k.State.ToString().ToLowerInvariant(),
            k.Key.CreatedUtc, k.Key.ActivatesUtc, k.RetiredUtc, k.ExpiresUtc, k.Key.RevokedUtc)).ToList();
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
        var key = await context.Get<KeyManager>().RotateAsync(now);
        await context.Console.Out.WriteLineAsync(now
            ? $"Key {key.Id} ({key.Algorithm}) signs from now on."
            : $"Key {key.Id} ({key.Algorithm}) announced; it starts signing at {Date(key.ActivatesUtc)}.");
        return 0;
    }

    public static async Task<int> RevokeAsync(CliContext context, string kid, bool yes)
    {
        var manager = context.Get<KeyManager>();
        if (!(await manager.ListAsync()).Any(k => k.Key.Id == kid))
        {
            throw new CliException($"Unknown key '{kid}'.");
        }

        if (!yes)
        {
            await context.Console.Out.WriteAsync($"Revoke key {kid}? The access tokens it signed stop validating; the refresh tokens it signed still redeem. [y/N] ");
            var answer = (await context.Console.In.ReadLineAsync())?.Trim();
            if (answer is not ("y" or "Y" or "yes"))
            {
                throw new CliException("Not revoked: confirmation refused (use --yes to skip the question).");
            }
        }

        await manager.RevokeAsync(kid);
        await context.Console.Out.WriteLineAsync($"Key {kid} revoked; it has left the JWKS.");
        return 0;
    }

    private static string Date(DateTime? value) =>
        value?.ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture) ?? "-";

    private sealed record KeyRow(string Kid, string Algorithm, string State, DateTime CreatedUtc, DateTime ActivatesUtc,
        DateTime? RetiredUtc, DateTime? ExpiresUtc, DateTime? RevokedUtc);
}
