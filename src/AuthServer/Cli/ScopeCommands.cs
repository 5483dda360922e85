using System.CommandLine;
using AuthServer.Administration.ApiScopes;
using AuthServer.Operations.Logging;

namespace AuthServer.Cli;

/// <summary>
/// <c>scopes list | add | remove</c>, on the store the server reads: a scope added here is usable at every running node
/// within a second (<see cref="Protocol.Token.ScopeResourceCache.Lifetime"/>).
/// </summary>
public static class ScopeCommands
{
    public static readonly Argument<string> Name = new("name") { Description = "The scope's name, as clients ask for it" };
    public static readonly Option<string[]> Resources = new(ScopeAdministration.CliResourceField)
    {
        Required = true, Description = "An audience (API) the scope grants, its tokens' aud (repeatable)",
    };

    public static Command Tree() => new("scopes", "Manage scopes and the audiences (APIs) they grant")
    {
        new Command("list", "List scopes with their resources and the clients using them") { CliCommands.Json },
        new Command("add", "Add a scope granting one or more resources") { Name, Resources },
        new Command("remove", "Remove a scope no client uses") { Name },
    };

    public static Task<int> RunAsync(string path, ParseResult parse, CliContext context) => path switch
    {
        "scopes list" => ListAsync(context, parse.GetValue(CliCommands.Json)),
        "scopes add" => AddAsync(context, parse.GetValue(Name)!, parse.GetValue(Resources) ?? []),
        "scopes remove" => RemoveAsync(context, parse.GetValue(Name)!),
        _ => throw new CliException($"'{path}' needs a subcommand; see --help."),
    };

    public static async Task<int> ListAsync(CliContext context, bool json)
    {
        var rows = (await context.Get<ScopeAdministration>().ListAsync())
            .Select(s => new ScopeRow(s.Name, [.. s.Resources], [.. s.UsedBy], s.IsReadOnly, s.DeclaredIn?.ToString())).ToList();
        if (json)
        {
            await Output.JsonAsync(context.Console.Out, rows);
        }
        else
        {
            await Output.TableAsync(context.Console.Out, ["SCOPE", "RESOURCES", "CLIENTS", "DECLARED IN"],
                [.. rows.Select(r => new[] { r.Name, string.Join(',', r.Resources), string.Join(',', r.Clients), r.DeclaredIn ?? "(store)" })]);
        }

        return 0;
    }

    public static async Task<int> AddAsync(CliContext context, string name, string[] resources)
    {
        var created = Succeeded<ScopeCreated>(await context.Get<ScopeAdministration>().CreateAsync(name, resources, ChangeActors.Cli));
        await context.Console.Out.WriteLineAsync($"Scope '{created.Scope.Name}' added, granting {string.Join(", ", created.Scope.Resources)}.");
        return 0;
    }

    public static async Task<int> RemoveAsync(CliContext context, string name)
    {
        Succeeded<ScopeRemoved>(await context.Get<ScopeAdministration>().DeleteAsync(name, ChangeActors.Cli));
        await context.Console.Out.WriteLineAsync($"Scope '{name}' removed.");
        return 0;
    }

    private static T Succeeded<T>(ScopeOutcome outcome) where T : ScopeOutcome => outcome as T
        ?? throw new CliException(ScopeRefusals.Describe(outcome) ?? $"Unexpected outcome {outcome}.");

    /// <summary><see cref="DeclaredIn"/>: the configuration entry (read-only), or null for a scope kept in the store only.</summary>
    private sealed record ScopeRow(string Name, string[] Resources, string[] Clients, bool Configured, string? DeclaredIn);
}
