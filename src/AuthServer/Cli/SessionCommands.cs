using System.Globalization;
using AuthServer.Administration.Clients;
using AuthServer.Administration.Sessions;
using AuthServer.Operations.Logging;
using AuthServer.Sessions;

namespace AuthServer.Cli;

/// <summary>
/// <c>sessions list | end</c>: a Bubble user's refresh chains, by user id or email, across every app and client (or one
/// client's). Ending one is final at once, on every node: its refresh token and its access tokens fail introspection.
/// </summary>
public static class SessionCommands
{
    public static async Task<int> ListAsync(CliContext context, string? userId, string? email)
    {
        var query = Query(userId, email, clientId: null);
        var sessions = await context.Get<SessionAdministration>().ListAsync(query);
        await Output.TableAsync(context.Console.Out, ["CHAIN", "CLIENT", "BUBBLE APP", "USER", "EMAIL", "STARTED", "LAST REFRESHED", "ENDS"],
            [.. sessions.Select(s => new[] { s.ChainId, s.ClientId, s.BubbleAppUrl, s.UserId, s.Email ?? "-", Date(s.StartedUtc),
                Date(s.LastRefreshedUtc), Date(s.EndsUtc) })]);
        return 0;
    }

    public static async Task<int> EndAsync(CliContext context, string? userId, string? email, string? clientId, bool yes)
    {
        var query = Query(userId, email, clientId);
        if (clientId is not null && await context.Get<ClientAdministration>().GetAsync(clientId) is null)
        {
            throw new CliException($"Unknown client '{clientId}'.");
        }

        var administration = context.Get<SessionAdministration>();
        var who = Who(query);
        var listed = (await administration.ListAsync(query)).Count;
        if (!yes && listed > 0)
        {
            await Confirmation.RequireAsync(context,
                $"End {listed} session(s) of {who}? Their refresh tokens and access tokens stop working at once.", "Not ended");
        }

        var ended = await administration.EndAllAsync(query, ChangeActors.Cli);
        await context.Console.Out.WriteLineAsync($"Ended {ended} session(s) of {who}.");
        return 0;
    }

    private static SessionQuery Query(string? userId, string? email, string? clientId)
    {
        if ((userId is null) == (email is null))
        {
            throw new CliException("Name the user with either --user USER_ID or --email EMAIL.");
        }

        if (!SessionEnding.IsSearchable(userId ?? email) || (clientId is not null && !SessionEnding.IsSearchable(clientId)))
        {
            throw new CliException(userId is not null ? "The --user value is empty, too long or has control characters."
                : "The --email value is empty, too long or has control characters.");
        }

        return new SessionQuery(UserId: userId, Email: email, ClientId: clientId);
    }

    private static string Who(SessionQuery query) =>
        (query.UserId is { } userId ? $"user {userId}" : $"email {query.Email}")
        + (query.ClientId is { } clientId ? $" through client {clientId}" : "");

    private static string Date(DateTime? value) =>
        value?.ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture) ?? "-";
}
