namespace AuthServer.Cli;

/// <summary>The question a destructive command asks without <c>--yes</c>: only y, Y or yes goes on.</summary>
public static class Confirmation
{
    /// <summary>Asks <paramref name="question"/>; any other answer stops the command with "<paramref name="notDone"/>: confirmation refused".</summary>
    public static async Task RequireAsync(CliContext context, string question, string notDone)
    {
        await context.Console.Out.WriteAsync($"{question} [y/N] ");
        var answer = (await context.Console.In.ReadLineAsync())?.Trim();
        if (answer is not ("y" or "Y" or "yes"))
        {
            throw new CliException($"{notDone}: confirmation refused (use --yes to skip the question).");
        }
    }
}
