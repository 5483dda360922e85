namespace AuthServer.Cli;

/// <summary>The admin CLI: the same executable, the same configuration and store as the server.</summary>
public static class CliApp
{
    private static readonly HashSet<string> Commands = new(StringComparer.Ordinal) { "migrate", "clients", "keys" };

    public static bool IsCommand(string[] args) => args.Length > 0 && Commands.Contains(args[0]);

    public static Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr)
    {
        stderr.WriteLine("The admin CLI is not available in this build yet.");
        return Task.FromResult(2);
    }
}
