using System.Globalization;
using AuthServer.Administration.Admins;
using AuthServer.Operations.Logging;

namespace AuthServer.Cli;

/// <summary><c>admins add | remove | list</c>: the accounts that may sign in to the admin console, each change audited as <c>cli</c>.</summary>
public static class AdminCommands
{
    public static async Task<int> AddAsync(CliContext context, string name, bool passwordInArguments)
    {
        if (passwordInArguments)
        {
            // Said before anything is read, and without repeating what was typed: it may be the password.
            throw new CliException("admins add takes no password on the command line (shell histories and process lists keep it); "
                + "pipe it on standard input or type it at the prompt.");
        }

        name = AdminAccounts.Normalize(name);
        if (AdminAccounts.CheckName(name) is { } badName)
        {
            throw new CliException(badName);
        }

        var password = await PasswordInput.ReadAsync(context.Console);
        if (AdminAccounts.CheckPassword(password) is { } badPassword)
        {
            throw new CliException(badPassword);
        }

        if (await context.Get<AdminAccounts>().AddAsync(name, password, ChangeActors.Cli) == AdminChange.AlreadyExists)
        {
            throw new CliException($"Admin '{name}' already exists.");
        }

        await context.Console.Out.WriteLineAsync($"Admin '{name}' added; they can sign in at /admin.");
        return 0;
    }

    public static async Task<int> RemoveAsync(CliContext context, string name)
    {
        name = AdminAccounts.Normalize(name);
        if (await context.Get<AdminAccounts>().RemoveAsync(name, ChangeActors.Cli) == AdminChange.Unknown)
        {
            throw new CliException($"Unknown admin '{name}'.");
        }

        await context.Console.Out.WriteLineAsync($"Admin '{name}' removed; their console sessions have ended.");
        return 0;
    }

    public static async Task<int> ListAsync(CliContext context, bool json)
    {
        var admins = await context.Get<AdminAccounts>().ListAsync();
        if (json)
        {
            await Output.JsonAsync(context.Console.Out, admins.Select(a => new AdminRow(a.Name, a.CreatedUtc, a.LockedUntilUtc)));
        }
        else
        {
            await Output.TableAsync(context.Console.Out, ["NAME", "CREATED", "LOCKED"],
                [.. admins.Select(a => new[] { a.Name, Date(a.CreatedUtc), a.LockedUntilUtc is { } until ? $"until {Date(until)}" : "no" })]);
        }

        return 0;
    }

    private static string Date(DateTime value) => value.ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private sealed record AdminRow(string Name, DateTime CreatedUtc, DateTime? LockedUntilUtc);
}
