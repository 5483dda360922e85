using System.CommandLine;

namespace AuthServer.Cli;

/// <summary>The command tree of contract §6 and the dispatch of a parsed command to its handler.</summary>
public static class CliCommands
{
    public static readonly Option<bool> Json = new("--json") { Description = "Machine-readable output" };
    public static readonly Option<string> ClientId = new("--client-id") { Required = true, Description = "The client id" };
    public static readonly Option<string[]> Grants = new("--grant") { Required = true, Description = "client_credentials, token_exchange or refresh_token (repeatable)" };
    public static readonly Option<string[]> Scopes = new("--scope") { Required = true, Description = "A scope the client may ask for (repeatable)" };
    public static readonly Option<string> JwksFile = new("--jwks-file") { Required = true, Description = "A file holding the client's public keys (a JWKS) for private_key_jwt" };
    public static readonly Option<bool> PrivateKeyJwtOnly = new("--private-key-jwt-only") { Description = "Refuse the client's secrets: only private_key_jwt authenticates it" };
    public static readonly Option<string> Secret = new("--secret") { Description = "The secret; generated and printed once when absent" };
    public static readonly Option<string> BubbleAppUrl = new("--bubble-app-url") { Description = "The Bubble app of a token_exchange client" };
    public static readonly Option<string[]> BubbleClaims = new("--bubble-claim") { Description = "A whoami field copied into the token (repeatable)" };
    public static readonly Option<bool> ResourceServer = new("--resource-server") { Description = "The client is the API whose resource (audience) equals its id: it may then have that id and introspect its tokens" };
    public static readonly Option<TimeSpan?> AccessTokenLifetime = new("--access-token-lifetime") { Description = "This client's access token lifetime (TimeSpan, such as 00:05:00), at most Auth:AccessTokenLifetime; absent: that" };
    public static readonly Argument<string> Id = new("id") { Description = "The client id" };
    public static readonly Option<bool> Now = new("--now") { Description = "Sign with the new key at once (emergency)" };
    public static readonly Argument<string> Kid = new("kid") { Description = "The key id" };
    public static readonly Option<bool> Yes = new("--yes") { Description = "Do not ask for confirmation" };
    public static readonly Argument<string> AdminName = new("name") { Description = "The admin's name" };
    // Caught only to refuse them with a clear line: a password is read from standard input or the prompt.
    public static readonly Argument<string[]> StrayArguments = new("password") { Arity = ArgumentArity.ZeroOrMore, Hidden = true };
    public static readonly Option<string> PasswordOption = new("--password") { Hidden = true };
    public static readonly Option<string> User = new("--user") { Description = "The Bubble user id (unique id)" };
    public static readonly Option<string> Email = new("--email") { Description = "The Bubble user's email" };
    public static readonly Option<string> SessionClient = new("--client") { Description = "Only the sessions of this client" };

    public static RootCommand Root() => new("AuthServer administration")
    {
        new Command("migrate", "Apply pending migrations to the store and exit"),
        new Command("clients", "Manage clients")
        {
            new Command("list", "List clients") { Json },
            new Command("add", "Add a client") { ClientId, Grants, Scopes, Secret, BubbleAppUrl, BubbleClaims, ResourceServer, AccessTokenLifetime },
            new Command("remove", "Remove a client") { Id },
            new Command("set-secret", "Replace every secret of a client at once (emergencies; to rotate without downtime, use clients secrets add)") { Id, Secret },
            ClientSecretCommands.Command(),
            new Command("set-jwks", "Register a client's public keys for private_key_jwt") { Id, JwksFile, PrivateKeyJwtOnly },
        },
        ScopeCommands.Tree(),
        new Command("keys", "Manage signing keys")
        {
            new Command("list", "List signing keys with their state and dates") { Json },
            new Command("rotate", "Announce a new signing key now") { Now },
            new Command("revoke", "Withdraw a signing key from the JWKS at once") { Kid, Yes },
        },
        new Command("admins", "Manage admin console accounts")
        {
            new Command("add", "Add an admin; the password is read from standard input, or asked for twice") { AdminName, StrayArguments, PasswordOption },
            new Command("remove", "Remove an admin and end their sessions") { AdminName },
            new Command("list", "List admins, when they were created and whether they are locked out") { Json },
        },
        new Command("sessions", "A Bubble user's sessions (refresh chains)")
        {
            new Command("list", "List a user's sessions, by --user USER_ID or --email EMAIL") { User, Email },
            new Command("end", "End a user's sessions (of one --client if given); asks for confirmation without --yes") { User, Email, SessionClient, Yes },
        },
    };

    public static Task<int> RunAsync(ParseResult parse, CliContext context)
    {
        var path = string.Join(' ', CommandPath(parse.CommandResult));
        return path switch
        {
            "migrate" => MigrateCommand.RunAsync(context),
            "clients list" => ClientCommands.ListAsync(context, parse.GetValue(Json)),
            "clients add" => ClientCommands.AddAsync(context, parse),
            "clients remove" => ClientCommands.RemoveAsync(context, parse.GetValue(Id)!),
            "clients set-secret" => ClientCommands.SetSecretAsync(context, parse.GetValue(Id)!, parse.GetValue(Secret)),
            "clients secrets list" => ClientSecretCommands.ListAsync(context, parse.GetValue(Id)!, parse.GetValue(Json)),
            "clients secrets add" => ClientSecretCommands.AddAsync(context, parse),
            "clients secrets revoke" => ClientSecretCommands.RevokeAsync(context, parse.GetValue(Id)!, parse.GetValue(ClientSecretCommands.SecretId)!),
            "clients set-jwks" => ClientCommands.SetJwksAsync(context, parse.GetValue(Id)!, parse.GetValue(JwksFile)!,
                parse.GetValue(PrivateKeyJwtOnly)),
            "keys list" => KeyCommands.ListAsync(context, parse.GetValue(Json)),
            "keys rotate" => KeyCommands.RotateAsync(context, parse.GetValue(Now)),
            "keys revoke" => KeyCommands.RevokeAsync(context, parse.GetValue(Kid)!, parse.GetValue(Yes)),
            "admins add" => AdminCommands.AddAsync(context, parse.GetValue(AdminName)!,
                parse.GetValue(StrayArguments) is { Length: > 0 } || parse.GetResult(PasswordOption) is not null),
            "admins remove" => AdminCommands.RemoveAsync(context, parse.GetValue(AdminName)!),
            "admins list" => AdminCommands.ListAsync(context, parse.GetValue(Json)),
            "sessions list" => SessionCommands.ListAsync(context, parse.GetValue(User), parse.GetValue(Email)),
            "sessions end" => SessionCommands.EndAsync(context, parse.GetValue(User), parse.GetValue(Email), parse.GetValue(SessionClient),
                parse.GetValue(Yes)),
            _ when path.StartsWith("scopes", StringComparison.Ordinal) => ScopeCommands.RunAsync(path, parse, context),
            _ => throw new CliException($"'{path}' needs a subcommand; see --help."),
        };
    }

    private static IEnumerable<string> CommandPath(System.CommandLine.Parsing.CommandResult? result)
    {
        var names = new Stack<string>();
        for (var current = result; current?.Parent is not null; current = current.Parent as System.CommandLine.Parsing.CommandResult)
        {
            names.Push(current.Command.Name);
        }

        return names;
    }
}
